import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["GAZETTE_SECRET_KEY"]
ALLOWED_HOSTS = ["gazette.example.org"]

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_COOKIE_SECURE = True
# The session cookie is left insecure: SILENCED_SYSTEM_CHECKS does not list W012, so this is
# still reported.
