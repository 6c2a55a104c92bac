"""Email and cache settings from URLs: dj-email-url, django-cache-url and django-environ's
email_url/cache_url, each library with its own keys and defaults."""
import os

import dj_email_url
import django_cache_url
import environ

env = environ.Env()

SECRET_KEY = os.environ.get('SECRET_KEY', '')
DEBUG = env.bool('DEBUG', default=False)
ALLOWED_HOSTS = ['mailer.example.com']

# dj-email-url: EMAIL_* keys, smtp defaults (localhost, port 25), submission turns TLS on.
EMAIL_CONFIG = dj_email_url.config(default='smtp://mailer:mail-pass@smtp.example.com:2525')
vars().update(EMAIL_CONFIG)
SUBMISSION_EMAIL = dj_email_url.parse('submission://relay@mail.example.com')
CONSOLE_EMAIL = dj_email_url.config(env='CONSOLE_EMAIL_URL', default='console://')
LOCAL_SMTP = dj_email_url.parse('smtp://')
NO_EMAIL = dj_email_url.config(env='NO_EMAIL_URL')

# django-cache-url: locmem:// when unset; Django's Redis backend takes the password in LOCATION.
CACHES = {
    'default': django_cache_url.config(),
    'sessions': django_cache_url.config(env='SESSION_CACHE_URL', default='redis://:cache-pass@cache:6380/2'),
    'files': django_cache_url.parse('file:///var/tmp/django_cache'),
    'memcached': django_cache_url.parse('pymemcache://cache-1:11211,cache-2:11211'),
    'socket': django_cache_url.parse('redis:///run/redis/redis.sock/3'),
}

# django-environ: its own schemes (consolemail, locmemcache...) and keys.
ENV_EMAIL = env.email_url('ENV_EMAIL_URL', default='smtp+tls://user:env-mail-pass@smtp.example.com:587')
ENV_CONSOLE_EMAIL = env.email('CONSOLE_MAIL_URL', default='consolemail://')
ENV_SSL_EMAIL = env.email_url('SSL_EMAIL_URL', default='smtp+ssl://smtp.example.com:465')
ENV_CACHES = {
    'default': env.cache_url('ENV_CACHE_URL', default='locmemcache://'),
    'db': env.cache('DB_CACHE_URL', default='dbcache://cache_table'),
    'files': env.cache_url('FILE_CACHE_URL', default='filecache:///var/tmp/django_cache'),
    'memcached': env.cache_url('MEMCACHE_URL', default='memcache://cache-1:11211,cache-2:11211'),
    'unix': env.cache_url('MEMCACHE_SOCKET_URL', default='memcache:///tmp/memcached.sock'),
}

# Schemes the libraries reject: django-cache-url raises Exception, django-environ
# ImproperlyConfigured.
try:
    QUEUE_CACHE = django_cache_url.parse('mongodb://queue:27017')
except Exception:
    QUEUE_CACHE = {'BACKEND': 'django.core.cache.backends.dummy.DummyCache'}
try:
    ENV_QUEUE_CACHE = env.cache_url('QUEUE_CACHE_URL', default='mongodb://queue:27017')
except environ.ImproperlyConfigured:
    ENV_QUEUE_CACHE = {}
