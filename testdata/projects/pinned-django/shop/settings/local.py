from .base import *

SECRET_KEY = 'local-development-only'
DEBUG = True
ALLOWED_HOSTS = ['localhost']
INSTALLED_APPS += ['debug_toolbar']
