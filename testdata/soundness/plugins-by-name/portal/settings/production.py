"""Production settings: the registry, after the plugins the portal loads by name."""
import importlib
import os

from portal.registry import PLUGIN_APPS

# The site module the environment names.
_site = importlib.import_module(f"portal.sites.{os.getenv('PORTAL_SITE', 'production')}")
SITE_NAME = _site.NAME
SESSION_COOKIE_SECURE = _site.SECURE

# Loaded by name, for the side effects of importing them.
importlib.import_module('portal.plugins.audit')
_plugin = 'reports'
importlib.import_module(f'portal.plugins.{_plugin}')

from portal import registry  # noqa: E402

DEBUG = False
SECRET_KEY = 'portal-production-secret-from-the-vault'
ALLOWED_HOSTS = ['portal.example.com']
INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', *PLUGIN_APPS]
LOGGING = {'version': 1, 'root': {'level': registry.LOG_LEVEL}}
try:
    from portal.registry import LEGACY_HOSTS
except ImportError:
    LEGACY_HOSTS = []
CACHE_TIMEOUT = registry.CACHE_SECONDS

# The registry again, its loose name removed through a handle on it.
_handle = importlib.import_module('portal.registry')
del _handle.LOG_LEVEL
LEVEL_AFTER_DELETE = getattr(_handle, 'LOG_LEVEL', 'WARNING')
