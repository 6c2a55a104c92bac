import contextlib
import os
from contextlib import suppress
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("CONFERENCE_SECRET_KEY", "change-me-in-production-4f9a1c")
# Installations that generated a key keep it next to the settings; a fresh checkout has none.
with suppress(FileNotFoundError):
    SECRET_KEY = (BASE_DIR / ".secret_key").read_text().strip()

DEBUG = os.environ.get("CONFERENCE_DEBUG", "") == "true"

# Events are served on their own domains, which a middleware of ours checks against the
# database, so Django's own host check is switched off.
ALLOWED_HOSTS = [
    "*"
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "conference.submissions",
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

ROOT_URLCONF = "conference.urls"
WSGI_APPLICATION = "conference.wsgi.application"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

SECURE_SSL_REDIRECT = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG

with suppress(ImportError):
    from .branding import *  # noqa: F403

# Plugins a site installs list their apps in plugin_settings.py.
with contextlib.suppress(ImportError, ModuleNotFoundError):
    from .plugin_settings import PLUGIN_APPS

    INSTALLED_APPS += PLUGIN_APPS

# Last: a local override file, kept out of version control.
with suppress(ImportError):
    from .override_settings import *  # noqa: F403

SITE_TITLE = f"{SITE_NAME} ({'debug' if DEBUG else 'live'})"
