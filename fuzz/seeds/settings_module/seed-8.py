"""Connection URLs whose fallback, used when the variable is unset, carries a password."""
import os

import dj_database_url
import environ

env = environ.Env()

SECRET_KEY = os.environ['SECRET_KEY']
DEBUG = env.bool('DEBUG', default=False)
ALLOWED_HOSTS = ['depot.example.com']

DATABASES = {
    'default': env.db_url('DATABASE_URL', default='postgres://depot:depot-db-pass@db:5432/depot'),
    'replica': dj_database_url.config(
        env='REPLICA_URL', default='postgres://depot:replica-pass@replica:5432/depot'
    ),
}
CACHES = {'default': env.cache_url('CACHE_URL', default='redis://:cache-pass@cache:6379/1')}
EMAIL_CONFIG = env.email_url('EMAIL_URL', default='smtp://mailer:mail-pass@smtp.example.com:587')
