#!/bin/bash
# Start command of the web service: migrations, then the server.
set -e

echo "Running database migrations..."
python manage.py migrate --settings=jobboard.settings.production --noinput

echo "Starting web server..."
exec gunicorn jobboard.wsgi:application --bind 0.0.0.0:$PORT --workers 3
