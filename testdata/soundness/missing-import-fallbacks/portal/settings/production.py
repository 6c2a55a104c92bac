"""Production settings with optional overrides: site modules looked up by a computed name, which
this checkout does not contain, so each import raises and its fallback applies."""
import importlib
import os

SITE = os.environ.get('PORTAL_SITE', 'default')

try:
    site_settings = importlib.import_module(f'portal.settings.sites.{SITE}')
    SITE_NAME = site_settings.NAME
    DEBUG = True
except ModuleNotFoundError:
    SITE_NAME = 'Portal'
    DEBUG = False

try:
    importlib.import_module('portal.settings.' + 'overrides_' + SITE)
    ALLOWED_HOSTS = ['*']
except ImportError:
    ALLOWED_HOSTS = ['portal.example.com']

try:
    __import__('portal.settings.secrets_' + SITE)
    SECRET_KEY = 'override-imported-key-that-never-applies-on-this-checkout-000'
except ImportError:
    SECRET_KEY = os.environ.get('PORTAL_SECRET_KEY', 'portal-fallback-secret-key')

try:
    from portal.settings import hooks
    SESSION_COOKIE_SECURE = False
except ImportError:
    SESSION_COOKIE_SECURE = True

try:
    from . import PACKAGE_VERSION, missing_flag
    CSRF_COOKIE_SECURE = False
except ImportError:
    CSRF_COOKIE_SECURE = True

try:
    from portal.extensions import sso
    SECURE_SSL_REDIRECT = False
except ImportError:
    SECURE_SSL_REDIRECT = True

INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', 'portal']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]
