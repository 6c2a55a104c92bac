from .base import *

# DEBUG is (mistakenly) not overridden here, so base's DEBUG = True leaks through.
ALLOWED_HOSTS = ['shop.example.com', 'www.shop.example.com']

SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
