"""Django settings for storefront."""
import os
from pathlib import Path

from .utils import get_bool_from_env, get_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = get_bool_from_env('DEBUG', True)

SECRET_KEY = os.environ.get('SECRET_KEY')
if not SECRET_KEY and DEBUG:
    SECRET_KEY = 'storefront-insecure-development-key'

ALLOWED_HOSTS = get_list(os.environ.get('ALLOWED_HOSTS', 'localhost,127.0.0.1'))

ENABLE_SSL = get_bool_from_env('ENABLE_SSL', False)
if ENABLE_SSL:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'storefront.catalog',
]

ROOT_URLCONF = 'storefront.urls'
WSGI_APPLICATION = 'storefront.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': os.environ.get('DATABASE_NAME', 'storefront'),
        'USER': os.environ.get('DATABASE_USER', 'storefront'),
        'HOST': os.environ.get('DATABASE_HOST', 'localhost'),
    }
}

STATIC_URL = '/static/'
STATIC_ROOT = os.path.join(BASE_DIR, 'static')
