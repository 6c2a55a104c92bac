import os

SECRET_KEY = 'tracker-insecure-development-key'
DEBUG = True
ALLOWED_HOSTS = ['*']

# Each deployment provides its own local_settings.py (it is in .gitignore): the repository does
# not contain it, so these settings do not import as committed, and anything above may be
# overridden by it.
from .local_settings import *

STATIC_ROOT = os.path.join(os.path.dirname(__file__), 'static')
