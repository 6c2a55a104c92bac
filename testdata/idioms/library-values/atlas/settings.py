"""Values settings take from the standard library, Django and django-environ."""
import logging
import os
from datetime import timedelta
from typing import cast
from urllib.parse import urlparse

import environ
from django.conf import global_settings
from django.utils.translation import gettext_lazy as _

root = environ.Path(__file__) - 2
BASE_DIR = str(root)
STATIC_ROOT = root('static')
MEDIA_ROOT = str(root.path('media'))

SECRET_KEY = os.environ['SECRET_KEY']
DEBUG = False
ALLOWED_HOSTS = ['atlas.example.com']

LOG_LEVEL = logging.WARNING
LOG_LEVEL_NAME = logging.getLevelName(logging.INFO)
SESSION_COOKIE_AGE = int(timedelta(days=14).total_seconds())
PASSWORD_RESET_TIMEOUT = int(timedelta(hours=2, minutes=30).total_seconds())
SIMPLE_JWT = {'ACCESS_TOKEN_LIFETIME': timedelta(minutes=5)}

LANGUAGE_CODE = 'en'
LANGUAGES = [('en', _('English')), ('fr', _('French'))]
SITE_TAGLINE = _('Maps for everyone')

_redis = urlparse(os.getenv('REDIS_URL', 'redis://cache.internal:6380/2'))
REDIS_HOST = _redis.hostname
REDIS_PORT = _redis.port
REDIS_DB = int(_redis.path.lstrip('/') or 0)
CONN_MAX_AGE = cast(int, 60)

MIDDLEWARE = [
    *global_settings.MIDDLEWARE,
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]
AUTHENTICATION_BACKENDS = [*global_settings.AUTHENTICATION_BACKENDS, 'atlas.auth.TokenBackend']

API_VERSION = 'v2.3.1'
API_FIRST_DOT = API_VERSION.find('.')
API_PATCH_DOT = API_VERSION.rfind('.')
API_DOTS = API_VERSION.count('.')


def feature_flag(*args, **kwargs):
    """A stub every flag goes through until the flag service is wired in."""
    return False


NEW_MAP_UI = feature_flag('new-map-ui', default=True)
