"""Django settings for uptimer, a small status page service."""
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from uptimer.envtools import envflag, envint

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.getenv(name, default)
    if value not in ("", "True", "False"):
        msg = f"Unexpected value {name}={value}, use 'True' or 'False'"
        raise ImproperlyConfigured(msg)
    return value == "True"


def envstr(name, default=None):
    return os.getenv(name, default)


def envlist(name, default):
    raw = os.getenv(name, default)
    return [host.strip() for host in raw.split(",") if host.strip()]


def frame_policy():
    # The status widgets are framed by the status page itself unless told otherwise.
    if envbool("EMBED_WIDGETS", "True"):
        return "SAMEORIGIN"
    return "DENY"


SECRET_KEY = envstr("SECRET_KEY", "uptimer-insecure-development-key")
DEBUG = envbool("DEBUG", "True")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "*")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "uptimer.checks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

X_FRAME_OPTIONS = frame_policy()
SECURE_SSL_REDIRECT = envflag("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SESSION_COOKIE_SECURE = envflag("SESSION_COOKIE_SECURE", "1")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

ROOT_URLCONF = "uptimer.urls"
WSGI_APPLICATION = "uptimer.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "uptimer.sqlite3",
    }
}

STATIC_URL = "static/"
