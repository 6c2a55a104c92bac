"""Production settings for the hub."""
import importlib
import os
import sys

from hub.defaults import LOG_LEVEL, TRUSTED_HOSTS
from hub import overrides  # noqa: F401
from hub.defaults import CACHE_TIMEOUT, EXTRA_APPS

DEBUG = False
SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
ALLOWED_HOSTS = TRUSTED_HOSTS
INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', *EXTRA_APPS]
LOGGING = {'version': 1, 'root': {'level': LOG_LEVEL}}
CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.locmem.LocMemCache',
        'TIMEOUT': CACHE_TIMEOUT,
    }
}

# The defaults module's names, copied in whole.
defaults = importlib.import_module('hub.defaults')
DEFAULT_LEVEL = defaults.LOG_LEVEL
globals().update(vars(defaults))

# This module, found by name, changed through its module object.
this = sys.modules[__name__]
this.SESSION_COOKIE_SECURE = True
setattr(this, 'CSRF_COOKIE_SECURE', True)
