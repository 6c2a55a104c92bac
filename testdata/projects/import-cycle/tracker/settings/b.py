"""Core settings (part B): database and static files."""
import os

from .a import *

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': os.environ.get('DB_NAME', 'tracker'),
    }
}

STATIC_URL = 'static/'
