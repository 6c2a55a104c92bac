"""Class-based settings for recruit (django-configurations).

DJANGO_CONFIGURATION names the class: 'Dev' (manage.py) or 'Production' (wsgi.py).
"""
from pathlib import Path

from configurations import Configuration, values

BASE_DIR = Path(__file__).resolve().parent.parent


class Common(Configuration):
    DEBUG = values.BooleanValue(True)

    SECRET_KEY = values.SecretValue()

    ALLOWED_HOSTS = values.ListValue(['*'])

    INSTALLED_APPS = [
        'django.contrib.admin',
        'django.contrib.auth',
        'django.contrib.contenttypes',
        'django.contrib.sessions',
        'django.contrib.messages',
        'django.contrib.staticfiles',
        'candidates',
    ]

    ROOT_URLCONF = 'recruit.urls'
    WSGI_APPLICATION = 'recruit.wsgi.application'

    DATABASES = values.DatabaseURLValue('sqlite:///{}'.format(BASE_DIR / 'db.sqlite3'))

    TIME_ZONE = values.Value('UTC')
    STATIC_URL = '/static/'


class Dev(Common):
    SECRET_KEY = 'recruit-dev-only-secret'

    EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'


class Production(Common):
    DEBUG = False

    ALLOWED_HOSTS = values.ListValue(['recruit.example.com'])

    SECURE_SSL_REDIRECT = values.BooleanValue(True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
