"""Settings every environment shares."""
import os
import sys

from portal.features import FEATURE_APPS, FEATURE_MIDDLEWARE
from portal.hardening import STRICT
from portal.legacy import LEGACY_HEALTHCHECK

# Imported after portal.hardening ran: the values it changed, not those defaults.py wrote.
from portal.defaults import CSRF_ORIGINS, HOST_ALLOWLIST, REDIRECT_EXEMPT, SESSION_AGE

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = HOST_ALLOWLIST
SESSION_COOKIE_AGE = SESSION_AGE
CSRF_TRUSTED_ORIGINS = CSRF_ORIGINS
SECURE_REDIRECT_EXEMPT = REDIRECT_EXEMPT
HARDENED = STRICT
LEGACY = LEGACY_HEALTHCHECK

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
] + FEATURE_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
] + FEATURE_MIDDLEWARE

ROOT_URLCONF = "portal.urls"
STATIC_URL = "static/"

# Set through the module object, as a loop over names would.
_this = sys.modules[__name__]
for _name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    setattr(_this, _name, True)
