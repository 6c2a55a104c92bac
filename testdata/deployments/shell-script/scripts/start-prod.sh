#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE=crm.settings.production
export DJANGO_DEBUG=False

python manage.py migrate --noinput
python manage.py collectstatic --noinput
exec gunicorn crm.wsgi:application --bind "0.0.0.0:${PORT:-8000}" --workers 4
