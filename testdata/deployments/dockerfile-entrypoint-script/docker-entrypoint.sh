#!/bin/sh
set -e

export DJANGO_SETTINGS_MODULE=pollster.settings.prod
export DJANGO_DEBUG=false

python manage.py migrate --noinput
exec "$@"
