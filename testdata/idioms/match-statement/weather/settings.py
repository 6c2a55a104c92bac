"""Django settings for weather (Python 3.10+: match on the deployment environment)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

match os.getenv('ENVIRONMENT', 'development'):
    case 'production':
        DEBUG = False
        ALLOWED_HOSTS = ['weather.example.com']
        SECRET_KEY = os.environ['SECRET_KEY']
    case 'staging' | 'qa':
        DEBUG = False
        ALLOWED_HOSTS = ['staging.weather.example.com']
        SECRET_KEY = os.getenv('SECRET_KEY', 'staging-not-so-secret')
    case _:
        DEBUG = True
        ALLOWED_HOSTS = ['*']
        SECRET_KEY = 'weather-local-development-key'

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'forecasts',
]

ROOT_URLCONF = 'weather.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': BASE_DIR / 'db.sqlite3',
    }
}

STATIC_URL = 'static/'
