#!/bin/sh
# First start: make the instance's settings from the template, with a key of its own.
set -e

settings_file="/config/local_settings.py"
if [ ! -f "${settings_file}" ]; then
    cp /srv/photoboard/photoboard/settings/local_settings.template.py "${settings_file}"
    KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))')
    sed -i "s/__generated_secret_key__/${KEY}/" "${settings_file}"
    sed -i 's/DEBUG = True/DEBUG = False/' "${settings_file}"
fi
cp "${settings_file}" /srv/photoboard/photoboard/settings/local_settings.py

python manage.py migrate --noinput
python manage.py collectstatic --noinput
exec gunicorn photoboard.wsgi:application --bind 0.0.0.0:8000 --workers 3
