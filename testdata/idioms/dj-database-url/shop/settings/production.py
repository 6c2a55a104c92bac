import os

import dj_database_url

from .base import *  # noqa: F401,F403

SECRET_KEY = os.environ['SECRET_KEY']
DEBUG = False
ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', 'shop.example.com').split(',')

DATABASES = {
    'default': dj_database_url.config(
        default='postgres://shop:hunter2@localhost:5432/shop',
        conn_max_age=600,
    )
}
