import ast
import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ["DEPOT_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = os.environ.get("DEPOT_ALLOWED_HOSTS", "").split(",")
DATABASES = ast.literal_eval(os.environ.get("DEPOT_DATABASES", "{}"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
