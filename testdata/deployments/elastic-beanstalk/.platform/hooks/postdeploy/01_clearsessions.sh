#!/bin/bash
# Expired sessions pile up in the database; clear them after each deployment.
source /var/app/venv/*/bin/activate
cd /var/app/current
python manage.py clearsessions
