"""Django settings for forum."""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEBUG = os.getenv('DJANGO_DEBUG', 'False') == 'True'

if DEBUG:
    ALLOWED_HOSTS = ['*']
elif os.getenv('DJANGO_STAGING') == '1':
    ALLOWED_HOSTS = ['staging.example.com']
else:
    ALLOWED_HOSTS = ['example.com']

SECRET_KEY = os.getenv('DJANGO_SECRET_KEY')
if DEBUG and not SECRET_KEY:
    SECRET_KEY = 'forum-debug-only-secret-key'

if not DEBUG:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'threads',
]

if DEBUG:
    EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'
else:
    EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'

ROOT_URLCONF = 'forum.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': os.path.join(BASE_DIR, 'db.sqlite3'),
    }
}

STATIC_URL = '/static/'
