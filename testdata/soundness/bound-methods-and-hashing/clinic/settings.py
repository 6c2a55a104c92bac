"""Settings built with a few helpers: classmethods compared across classes, sets and dicts built
from lists (unhashable), and generator helpers whose bodies never run when called."""
import os

SECURE_HSTS_SECONDS = 3600


def _relax():
    globals()['SECURE_HSTS_SECONDS'] = 0
    yield 'relaxed'


_relax()


class BaseProfile:
    @classmethod
    def loader(cls):
        return cls.__name__


class SecureProfile(BaseProfile):
    pass


# Bound to different classes: not equal.
SAME_LOADER = BaseProfile.loader == SecureProfile.loader
DEBUG = SAME_LOADER

try:
    HOST_GROUPS = {tuple(group) for group in [['a.example.com'], ['b.example.com']]}
    ADMIN_GROUPS = {group: True for group in [['admin'], ['ops']]}
    ALLOWED_HOSTS = ['*']
except TypeError:
    ALLOWED_HOSTS = ['clinic.example.com']

try:
    CACHE_KEYS = {['default']: 'locmem'}
    SECURE_SSL_REDIRECT = False
except TypeError:
    SECURE_SSL_REDIRECT = True

SECRET_KEY = os.environ.get('CLINIC_SECRET_KEY', 'clinic-development-secret-key')
INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', 'clinic']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]
