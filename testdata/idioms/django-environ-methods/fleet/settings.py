"""Django settings for fleet (configured with django-environ, no .env file)."""
from pathlib import Path

import environ

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.bool('DEBUG', default=True)

SECRET_KEY = env.str('SECRET_KEY', default='dev-secret')

ALLOWED_HOSTS = env.list('ALLOWED_HOSTS', default=['*'])

INTERNAL_IPS = env.list('INTERNAL_IPS', default=['127.0.0.1'])

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'vehicles',
]

ROOT_URLCONF = 'fleet.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': env.str('POSTGRES_DB', default='fleet'),
        'USER': env.str('POSTGRES_USER', default='fleet'),
        'PASSWORD': env.str('POSTGRES_PASSWORD', default=''),
        'HOST': env.str('POSTGRES_HOST', default='localhost'),
        'PORT': env.int('POSTGRES_PORT', default=5432),
        'CONN_MAX_AGE': env.int('CONN_MAX_AGE', default=60),
    }
}

FEATURE_FLAGS = env.json('FEATURE_FLAGS', default={'live_map': False, 'beta_reports': True})

SENTRY_DSN = env.url('SENTRY_DSN', default='https://public@sentry.example.com/7')

EMAIL_TIMEOUT = env.int('EMAIL_TIMEOUT', default=10)
STATIC_URL = '/static/'
