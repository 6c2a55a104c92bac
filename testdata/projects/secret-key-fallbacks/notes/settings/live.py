from .base import *

SECRET_KEY = os.getenv('SECRET_KEY', 'changeme')

ALLOWED_HOSTS = ['notes.example.com']
