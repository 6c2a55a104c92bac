#!/bin/sh
set -e
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-shop.settings.production}"
python manage.py migrate --noinput
exec "$@"
