"""Django settings for the blog project. All secrets come from the environment."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Required: Django will not start without it (KeyError).
SECRET_KEY = os.environ['SECRET_KEY']

# Debug is opt-in: only the exact value '1' turns it on.
DEBUG = os.environ.get('DEBUG', '') == '1'

ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', 'blog.example.com').split(',')

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'posts',
]

ROOT_URLCONF = 'blog.urls'
WSGI_APPLICATION = 'blog.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': os.environ.get('POSTGRES_DB', 'blog'),
        'USER': os.environ.get('POSTGRES_USER', 'blog'),
        'PASSWORD': os.environ.get('POSTGRES_PASSWORD', ''),
        'HOST': os.environ.get('POSTGRES_HOST', 'db'),
    }
}

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STATIC_URL = 'static/'
