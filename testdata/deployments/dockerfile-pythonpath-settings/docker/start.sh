#!/bin/sh
set -e
django-admin migrate --noinput
exec gunicorn alerts.site.wsgi:application --bind 0.0.0.0:8000
