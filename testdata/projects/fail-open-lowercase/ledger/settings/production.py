from .base import *

SECRET_KEY = os.environ['SECRET_KEY']

# Unset -> False, but DEBUG=false, DEBUG=0 or DEBUG=off all turn debug ON.
DEBUG = os.environ.get('DEBUG', 'False') != 'False'

ALLOWED_HOSTS = ['ledger.example.com']

SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
