"""Settings for the tracking service, read with dbca-utils' `env()`."""
import os
from pathlib import Path

from dbca_utils.utils import env

BASE_DIR = str(Path(__file__).resolve().parents[1])

DEBUG = env('DEBUG', False)
SECRET_KEY = env('SECRET_KEY', 'PlaceholderSecretKey')
CSRF_COOKIE_SECURE = env('CSRF_COOKIE_SECURE', False)
CSRF_COOKIE_NAME = env('CSRF_COOKIE_NAME', 'tracking_csrftoken')
CSRF_TRUSTED_ORIGINS = env('CSRF_TRUSTED_ORIGINS', 'https://tracking.example.org').split(',')
SESSION_COOKIE_SECURE = env('SESSION_COOKIE_SECURE', False)
if not DEBUG:
    ALLOWED_HOSTS = env('ALLOWED_HOSTS', 'localhost').split(',')
else:
    ALLOWED_HOSTS = ['*']
INTERNAL_IPS = env('INTERNAL_IPS', ['127.0.0.1', '::1'])
ADMINS = env('ADMINS', ('Operations', 'ops@example.org'))
EMAIL_HOST = env('EMAIL_HOST', 'email.host')
EMAIL_PORT = env('EMAIL_PORT', 25)
SENTRY_SAMPLE_RATE = env('SENTRY_SAMPLE_RATE', 1.0)
SENTRY_DSN = env('SENTRY_DSN')
CONN_MAX_AGE = env('CONN_MAX_AGE', value_type=int)
SECURE_HSTS_SECONDS = env('SECURE_HSTS_SECONDS', 0, value_type=int)
try:
    GEOSERVER_URL = env('GEOSERVER_URL', required=True)
except Exception:
    GEOSERVER_URL = 'http://localhost:8080/geoserver'

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'tracking',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

STATIC_URL = '/static/'
STATIC_ROOT = os.path.join(BASE_DIR, 'staticfiles')
