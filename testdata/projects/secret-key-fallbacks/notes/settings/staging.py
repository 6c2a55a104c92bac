from .base import *

# None when unset: Django refuses to start.
SECRET_KEY = os.environ.get('SECRET_KEY')

ALLOWED_HOSTS = ['staging.notes.example.com']
