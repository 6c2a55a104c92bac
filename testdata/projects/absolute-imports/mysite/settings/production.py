import os

from mysite.settings.base import *

DEBUG = False

ALLOWED_HOSTS = ['polls.example.com']

# Falls back to a hardcoded key when DJANGO_SECRET_KEY is missing.
SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'k3#v!x9q@production-fallback-key-8z$w')

STATIC_ROOT = os.path.join(BASE_DIR, 'static')
