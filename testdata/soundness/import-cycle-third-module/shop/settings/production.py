"""Production settings for the shop."""
import os

from shop.registry import AUDIT_MIDDLEWARE, LOG_LEVEL, REGISTERED_APPS, REGISTERED_HOSTS

DEBUG = False
SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
ALLOWED_HOSTS = REGISTERED_HOSTS
INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    *REGISTERED_APPS,
]
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    *AUDIT_MIDDLEWARE,
]
LOGGING = {
    'version': 1,
    'root': {'level': LOG_LEVEL},
}
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
