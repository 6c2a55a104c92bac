#!/usr/bin/env bash
set -e

python manage.py migrate

# Background tasks run next to the web server.
supervisord -c supervisord-tasks.conf

exec uwsgi --http 0.0.0.0:9090 uwsgi.ini
