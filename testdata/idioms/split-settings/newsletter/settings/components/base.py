from os import environ
from pathlib import Path

# split-settings runs this file in settings/__init__.py's namespace, so
# __file__ is newsletter/settings/__init__.py here.
BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = environ.get('DJANGO_SECRET_KEY')

DEBUG = False

ALLOWED_HOSTS = []

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'subscribers',
]

ROOT_URLCONF = 'newsletter.urls'
WSGI_APPLICATION = 'newsletter.wsgi.application'
STATIC_URL = '/static/'
