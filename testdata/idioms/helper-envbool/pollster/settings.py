"""Django settings for pollster."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.getenv(name, default) in ('1', 'True', 'true')


def envlist(name, default=''):
    value = os.getenv(name)
    if value is None:
        value = default
    return [item.strip() for item in value.split(',') if item.strip()]


DEBUG = envbool('DJANGO_DEBUG', 'True')

ALLOWED_HOSTS = envlist('DJANGO_ALLOWED_HOSTS', 'localhost,127.0.0.1')

SECRET_KEY = os.getenv('DJANGO_SECRET_KEY', 'pollster-dev-key-not-for-production')

SESSION_COOKIE_SECURE = envbool('DJANGO_SECURE_COOKIES', '0')
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'polls',
]

ROOT_URLCONF = 'pollster.urls'
WSGI_APPLICATION = 'pollster.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': BASE_DIR / 'db.sqlite3',
    }
}

STATIC_URL = 'static/'
