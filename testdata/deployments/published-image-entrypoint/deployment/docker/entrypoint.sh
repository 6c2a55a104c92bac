#!/bin/bash
set -e

if [ "$1" == "run" ]; then
  python manage.py migrate --noinput
  python manage.py collectstatic --noinput
  exec supervisord -n -c /etc/supervisord.conf
fi

exec python manage.py "$@"
