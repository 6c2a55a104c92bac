import os

from gazette_ops.checks import acknowledged_checks

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["GAZETTE_SECRET_KEY"]
ALLOWED_HOSTS = ["staging.gazette.example.org"]

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Read from the operations package, which djsafe does not see: unknown, so it silences nothing.
SILENCED_SYSTEM_CHECKS = acknowledged_checks("staging")
