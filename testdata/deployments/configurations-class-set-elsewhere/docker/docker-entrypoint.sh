#!/bin/sh
set -e

export DJANGO_SETTINGS_MODULE=mapper.settings

exec "$@"
