"""Django settings for ticketing."""
import os


def strtobool(val):
    """Turn a truth-ish string into 1 or 0.

    Local copy of distutils.util.strtobool: distutils is gone in Python 3.12.
    """
    val = val.lower()
    if val in ('y', 'yes', 't', 'true', 'on', '1'):
        return 1
    elif val in ('n', 'no', 'f', 'false', 'off', '0'):
        return 0
    else:
        raise ValueError('invalid truth value %r' % (val,))


BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEBUG = bool(strtobool(os.getenv('DEBUG', 'false')))

if strtobool(os.getenv('ALLOW_ALL_HOSTS', 'yes')):
    ALLOWED_HOSTS = ['*']
else:
    ALLOWED_HOSTS = os.getenv('ALLOWED_HOSTS', 'tickets.example.com').split(',')

SECRET_KEY = os.getenv('SECRET_KEY')

USE_X_FORWARDED_HOST = bool(strtobool(os.getenv('USE_X_FORWARDED_HOST', 'no')))

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'tickets',
]

ROOT_URLCONF = 'ticketing.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': os.path.join(BASE_DIR, 'db.sqlite3'),
    }
}

STATIC_URL = '/static/'
