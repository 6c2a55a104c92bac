from pathlib import Path

from configurations import Configuration, values

BASE_DIR = Path(__file__).resolve().parent.parent


class BaseConfiguration(Configuration):
    SECRET_KEY = values.SecretValue()
    ALLOWED_HOSTS = values.ListValue(['*'])

    INSTALLED_APPS = [
        'django.contrib.admin',
        'django.contrib.auth',
        'django.contrib.contenttypes',
        'django.contrib.sessions',
        'django.contrib.messages',
        'django.contrib.staticfiles',
    ]

    MIDDLEWARE = [
        'django.middleware.security.SecurityMiddleware',
        'django.contrib.sessions.middleware.SessionMiddleware',
        'django.middleware.common.CommonMiddleware',
        'django.middleware.csrf.CsrfViewMiddleware',
        'django.contrib.auth.middleware.AuthenticationMiddleware',
        'django.contrib.messages.middleware.MessageMiddleware',
        'django.middleware.clickjacking.XFrameOptionsMiddleware',
    ]

    ROOT_URLCONF = 'mapper.urls'
    WSGI_APPLICATION = 'mapper.wsgi.application'

    DATABASES = values.DatabaseURLValue('postgis://mapper@localhost:5432/mapper')

    AUTH_PASSWORD_VALIDATORS = [
        {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
    ]

    STATIC_URL = 'static/'
    STATIC_ROOT = BASE_DIR / 'staticfiles'


class DevelopmentConfiguration(BaseConfiguration):
    DEBUG = True
    SECRET_KEY = 'mapper-development-key'


class ProductionConfiguration(BaseConfiguration):
    DEBUG = False
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
