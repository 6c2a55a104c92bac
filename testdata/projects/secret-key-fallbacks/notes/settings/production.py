from .base import *

# Empty fallback: Django raises ImproperlyConfigured if SECRET_KEY is empty.
SECRET_KEY = os.getenv('SECRET_KEY', '')

ALLOWED_HOSTS = ['notes.example.com']
