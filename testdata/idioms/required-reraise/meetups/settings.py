"""Settings for the meetups site: development when MEETUPS_DEV is 'true', production otherwise."""
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

IS_DEVELOPMENT = os.environ.get('MEETUPS_DEV', 'false') == 'true'
if IS_DEVELOPMENT:
    SECRET_KEY = 'django-insecure-meetups-development-key-not-for-production-use'
    DEBUG = True
    ALLOWED_HOSTS = []
else:
    # Production needs the key: the handler only adds a hint and raises again.
    try:
        SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
    except KeyError as e:
        raise KeyError(f"{e}: for development, set MEETUPS_DEV=true") from e

    DEBUG = False
    ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', 'meetups.example.org').split(',')
    CSRF_TRUSTED_ORIGINS = [f'https://{host}' for host in ALLOWED_HOSTS]
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 3600

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'meetups',
]
if DEBUG:
    INSTALLED_APPS.append('debug_toolbar')

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]
if DEBUG:
    MIDDLEWARE.append('debug_toolbar.middleware.DebugToolbarMiddleware')

ROOT_URLCONF = 'meetups.urls'

# A handler that raises another exception is no fallback either.
try:
    REDIS_URL = os.environ['REDIS_URL']
except KeyError:
    raise ImproperlyConfigured('REDIS_URL must be set')

CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.redis.RedisCache',
        'LOCATION': REDIS_URL,
    }
}

# Required outside development, with a fallback in development: the re-raise runs only in
# production, so the variable is required there.
try:
    CELERY_BROKER_URL = os.environ['CELERY_BROKER_URL']
    CELERY_ENABLED = True
except KeyError:
    if IS_DEVELOPMENT:
        CELERY_ENABLED = False
    else:
        raise

STATIC_URL = 'static/'
STATIC_ROOT = BASE_DIR / 'staticfiles'
