"""Production settings: the registry, after the plugins the portal loads by name."""
import importlib

from portal.registry import PLUGIN_APPS

# Loaded by name, for the side effects of importing them.
importlib.import_module('portal.plugins.audit')
_reports = 'portal.plugins.' + 'reports'
importlib.import_module(_reports)

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
