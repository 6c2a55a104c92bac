from .base import *

SECRET_KEY = os.environ['SECRET_KEY']
DEBUG = False
ALLOWED_HOSTS = ['pay.example.com']

DATABASES['default']['HOST'] = os.environ['DB_HOST']
DATABASES['default']['PASSWORD'] = os.environ['DB_PASSWORD']
DATABASES['default']['OPTIONS'] = {'sslmode': 'require'}

CACHES['default'] = {
    'BACKEND': 'django.core.cache.backends.redis.RedisCache',
    'LOCATION': os.environ.get('REDIS_URL', 'redis://redis:6379/0'),
}

LOGGING['loggers']['django']['level'] = 'INFO'

# Template debug is a different setting from DEBUG and must not be confused with it.
TEMPLATES[0]['OPTIONS']['debug'] = True
