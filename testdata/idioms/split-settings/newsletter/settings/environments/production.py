from os import environ

DEBUG = False

SECRET_KEY = environ['DJANGO_SECRET_KEY']

ALLOWED_HOSTS = environ.get('DJANGO_ALLOWED_HOSTS', 'newsletter.example.com').split(',')

SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
