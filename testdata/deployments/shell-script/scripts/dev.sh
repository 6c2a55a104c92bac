#!/bin/sh
set -e
python manage.py migrate --settings=crm.settings.dev
python manage.py runserver 0.0.0.0:8000 --settings=crm.settings.dev
