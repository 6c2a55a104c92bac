"""Django settings for kanban."""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DEBUG = os.getenv('DEBUG', 'true').lower() == 'true'

SECRET_KEY = os.getenv('SECRET_KEY', '')

ALLOWED_HOSTS = ['localhost']
for name in ('kanban', 'www.kanban'):
    ALLOWED_HOSTS.append(f'{name}.example.com')

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'boards',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
]

if DEBUG:
    for app in ['debug_toolbar', 'django_extensions']:
        INSTALLED_APPS.append(app)
    MIDDLEWARE.insert(0, 'debug_toolbar.middleware.DebugToolbarMiddleware')
    INTERNAL_IPS = ['127.0.0.1']

CACHES = {}
for alias, db in (('default', 0), ('sessions', 1)):
    CACHES[alias] = {
        'BACKEND': 'django.core.cache.backends.redis.RedisCache',
        'LOCATION': 'redis://localhost:6379/%d' % db,
    }

ROOT_URLCONF = 'kanban.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': os.path.join(BASE_DIR, 'db.sqlite3'),
    }
}
