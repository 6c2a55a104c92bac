"""Staging: production with the plugin the staging servers name."""
import importlib
import sys

from hub.settings.production import *  # noqa: F401,F403

# Which module the plugin is depends on the machine: djsafe cannot tell.
plugin = importlib.import_module('hub.defaults' if sys.platform else 'hub.plugins')
plugin.CACHE_TIMEOUT = 60

from hub.defaults import CACHE_TIMEOUT  # noqa: E402

CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.locmem.LocMemCache',
        'TIMEOUT': CACHE_TIMEOUT,
    }
}
DEBUG = False
