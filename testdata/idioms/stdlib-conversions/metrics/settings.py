"""Django settings for metrics."""
import json
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEBUG = bool(int(os.getenv('DEBUG', '1')))

ALLOWED_HOSTS = json.loads(os.getenv('ALLOWED_HOSTS', '["*"]'))

SECRET_KEY = str(os.getenv('SECRET_KEY'))

PORT = int(os.environ.get('PORT', 8000))

SESSION_COOKIE_AGE = int(os.environ.get('SESSION_COOKIE_AGE', 60 * 60 * 24))
SECURE_HSTS_SECONDS = int(os.getenv('SECURE_HSTS_SECONDS', '0'))
SECURE_HSTS_INCLUDE_SUBDOMAINS = bool(SECURE_HSTS_SECONDS)
SAMPLE_RATE = float(os.getenv('SAMPLE_RATE', '0.25'))

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'dashboards',
]

ROOT_URLCONF = 'metrics.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': os.getenv('POSTGRES_DB', 'metrics'),
        'USER': os.getenv('POSTGRES_USER', 'metrics'),
        'PASSWORD': str(os.getenv('POSTGRES_PASSWORD', '')),
        'HOST': os.getenv('POSTGRES_HOST', 'localhost'),
        'PORT': int(os.getenv('POSTGRES_PORT', '5432')),
    }
}

STATIC_URL = '/static/'
