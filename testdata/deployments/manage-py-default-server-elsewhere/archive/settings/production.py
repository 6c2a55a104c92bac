import os

from . import *  # NOQA

DEBUG = os.environ.get("ARCHIVE_DEBUG", "True") == "True"
ALLOWED_HOSTS = os.environ.get("ARCHIVE_ALLOWED_HOSTS", "archive.example.org").split(",")

SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
