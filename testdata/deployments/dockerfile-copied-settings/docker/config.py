# Copied to tracker/settings/config.py when the image is built (see docker/Dockerfile).
import os

from .common import *  # noqa: F403

SECRET_KEY = os.environ["TRACKER_SECRET_KEY"]
DEBUG = os.getenv("DEBUG", "False") == "True"

EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "password")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
