"""Django settings for legacy (older project with dynamic loading)."""
import importlib
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEBUG = True

SECRET_KEY = os.environ.get('SECRET_KEY', '')

ALLOWED_HOSTS = ['legacy.example.com']

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'reports',
]

ROOT_URLCONF = 'legacy.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': os.path.join(BASE_DIR, 'db.sqlite3'),
    }
}

ENV = os.getenv('LEGACY_ENV', 'dev')

# Settings shared with the old deployment scripts.
exec(open(os.path.join(BASE_DIR, 'extra_settings.py')).read())

# Feature switches stored as JSON-ish key/values in the environment.
globals().update({
    key[len('LEGACY_SETTING_'):]: value
    for key, value in os.environ.items()
    if key.startswith('LEGACY_SETTING_')
})

_overrides = importlib.import_module(f'config.{ENV}')
for _name in dir(_overrides):
    if _name.isupper():
        globals()[_name] = getattr(_overrides, _name)

STATIC_URL = '/static/'
