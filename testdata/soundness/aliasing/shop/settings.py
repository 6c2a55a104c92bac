"""Names that hold the same list, dict or set see each other's changes."""
import os

BASE_HOSTS = ['shop.example.com']
ALLOWED_HOSTS = BASE_HOSTS
if os.getenv('STAFF_HOST'):
    ALLOWED_HOSTS.append(os.environ['STAFF_HOST'])
BASE_HOSTS.append('www.shop.example.com')

DEBUG = False
INSTALLED_APPS = CORE_APPS = ['django.contrib.auth', 'django.contrib.contenttypes']
INSTALLED_APPS += ['shop']              # += changes the list in place: CORE_APPS too
MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']
LEGACY_MIDDLEWARE = MIDDLEWARE
MIDDLEWARE = MIDDLEWARE + ['django.middleware.common.CommonMiddleware']   # a new list
LEGACY_MIDDLEWARE.insert(0, 'legacy.Middleware')

DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'shop.db'}}
REPLICA = DATABASES['default']
REPLICA['NAME'] = 'replica.db'          # the same inner dict
DATABASES_COPY = DATABASES.copy()       # a new outer dict, the same inner one
DATABASES_COPY['other'] = {}

TRUSTED = {'https://shop.example.com'}
CSRF_TRUSTED_ORIGINS = sorted(TRUSTED)
ORIGINS = TRUSTED
ORIGINS.add('https://admin.shop.example.com')
CORS_ALLOWED_ORIGINS = sorted(TRUSTED)

POPPED = CORE_APPS.pop()
DEFAULTED = DATABASES.setdefault('cache', {'ENGINE': 'dummy'})
del DATABASES_COPY['other']
SECRET_KEY = os.environ['SECRET_KEY']
