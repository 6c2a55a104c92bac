"""Production settings, from the component classes."""
from .components import (
    Base,
    Development,
    Production,
    Staging,
    Testing,
    cache_prefix,
    session_prefix,
)

Development.pre_setup()
Production.pre_setup()

DEBUG = Production.DEBUG
ALLOWED_HOSTS = Production.hosts('api.studio.example.com')
BASE_HOST = Base.host()
INSTALLED_APPS = Production.APPS
DEV_DEBUG = Development.DEBUG
DEV_APPS = Development.APPS
Testing.pre_setup()
TEST_APPS = Testing.APPS
STAGING_DEBUG_NOW = Staging().enable_debug()
STAGING_DEBUG = Staging.DEBUG
SECRET_KEY = 'studio-production-secret-from-the-vault'
CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.locmem.LocMemCache',
        'KEY_PREFIX': cache_prefix('studio'),
    }
}
SESSION_CACHE_ALIAS = session_prefix('studio')
