import os

from .base import *  # noqa: F401,F403

SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["press.example.org"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
