"""Django settings for the cafe ordering site."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Opening hours of the café are managed in the admin, not here.
SECRET_KEY = os.environ['SECRET_KEY']

DEBUG = True

ALLOWED_HOSTS = ['cafe.example.com']

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'menu',
]

ROOT_URLCONF = 'cafe.urls'
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': BASE_DIR / 'db.sqlite3'}}
LANGUAGE_CODE = 'fr-fr'
STATIC_URL = 'static/'
