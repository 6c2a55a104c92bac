"""Settings shared by every ledger deployment."""
import os
from urllib.parse import urlparse

DEBUG = os.getenv("LEDGER_DEBUG", "false").lower() == "true"
SECRET_KEY = os.getenv("LEDGER_SECRET_KEY")

ALLOWED_HOSTS = ["*"]
CSRF_TRUSTED_ORIGINS = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ledger.accounts",
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

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]


def configure_site_url():
    """The public URL decides the hosts and the trusted origins."""
    global ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS
    url = os.getenv("LEDGER_URL")
    if url:
        ALLOWED_HOSTS = [urlparse(url).hostname]
        CSRF_TRUSTED_ORIGINS.append(url)
    return url


SITE_URL = configure_site_url()


def _enable_remote_user():
    global MIDDLEWARE, AUTHENTICATION_BACKENDS, REMOTE_USER_ENABLED
    REMOTE_USER_ENABLED = os.getenv("LEDGER_REMOTE_USER", "off") == "on"
    if REMOTE_USER_ENABLED:
        MIDDLEWARE = MIDDLEWARE + ["django.contrib.auth.middleware.RemoteUserMiddleware"]
        AUTHENTICATION_BACKENDS.insert(0, "django.contrib.auth.backends.RemoteUserBackend")


_enable_remote_user()


def _hsts(seconds):
    global SECURE_HSTS_SECONDS, SECURE_HSTS_PRELOAD
    SECURE_HSTS_SECONDS = seconds
    SECURE_HSTS_PRELOAD = seconds >= 31536000


def _harden():
    global SECURE_SSL_REDIRECT
    SECURE_SSL_REDIRECT = os.getenv("LEDGER_HTTPS", "on") != "off"
    if SECURE_SSL_REDIRECT:
        _hsts(int(os.getenv("LEDGER_HSTS_SECONDS", "3600")))
    else:
        _hsts(0)
    # `_hsts` rebound it: this reads the module's new value.
    return SECURE_HSTS_SECONDS > 0


HSTS_ENABLED = _harden()

ROOT_URLCONF = "ledger.urls"
WSGI_APPLICATION = "ledger.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "ledger.sqlite3",
    }
}

STATIC_URL = "static/"
