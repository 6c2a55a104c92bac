"""Django settings for observatory (python-decouple, no settings.ini or .env)."""
from pathlib import Path

from decouple import Choices, Csv, config

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = config(
    'ENVIRONMENT',
    default='development',
    cast=Choices(['development', 'staging', 'production']),
)

DEBUG = ENVIRONMENT == 'development'

ALLOWED_HOSTS = config('ALLOWED_HOSTS', default='localhost, 127.0.0.1', cast=Csv())

SECRET_KEY = config('SECRET_KEY', default='')

LOG_LEVELS = (
    ('DEBUG', 'Debug'),
    ('INFO', 'Info'),
    ('WARNING', 'Warning'),
)
LOG_LEVEL = config('LOG_LEVEL', default='INFO', cast=Choices(choices=LOG_LEVELS))

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'telescopes',
]

ROOT_URLCONF = 'observatory.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': str(BASE_DIR / 'db.sqlite3'),
    }
}

STATIC_URL = '/static/'
