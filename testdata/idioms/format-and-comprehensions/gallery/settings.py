"""Django settings for gallery."""
import os

DEBUG = os.getenv('DEBUG', 'False') == 'True'

SITE_DOMAIN = os.getenv('SITE_DOMAIN', 'gallery.example.com')
SITE_URL = f'https://{SITE_DOMAIN}'

SECRET_KEY = os.getenv('SECRET_KEY', 'insecure-{}'.format(SITE_DOMAIN))

ALLOWED_HOSTS = [h.strip() for h in os.getenv('ALLOWED_HOSTS', 'localhost, 127.0.0.1').split(',')]
ALLOWED_HOSTS += list(filter(None, os.getenv('EXTRA_HOSTS', '').split(',')))

CSRF_TRUSTED_ORIGINS = ['https://%s' % host for host in ALLOWED_HOSTS]

DB_USER = os.getenv('DB_USER', 'gallery')
DB_PASSWORD = os.getenv('DB_PASSWORD', '')
DB_HOST = os.getenv('DB_HOST', 'localhost')
DB_PORT = os.getenv('DB_PORT', '5432')
DATABASE_URL = f'postgres://{DB_USER}:{DB_PASSWORD}@{DB_HOST}:{DB_PORT}/gallery'

REDIS_HOST = os.getenv('REDIS_HOST', 'localhost')
REDIS_URL = 'redis://%s:%s/0' % (REDIS_HOST, os.getenv('REDIS_PORT', '6379'))
CELERY_BROKER_URL = '{}://{}:{}/{}'.format('redis', REDIS_HOST, 6379, 1)

ADMINS = [tuple(a.split(':')) for a in os.getenv('ADMINS', 'Ops:ops@example.com').split(',')]
IMAGE_SIZES = {name: int(px) for name, px in (('thumb', '128'), ('medium', '640'))}

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'photos',
]

ROOT_URLCONF = 'gallery.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'gallery',
        'USER': DB_USER,
        'PASSWORD': DB_PASSWORD,
        'HOST': DB_HOST,
        'PORT': DB_PORT,
    }
}

STATIC_URL = '/static/'
MEDIA_URL = '{}/media/'.format(SITE_URL)
