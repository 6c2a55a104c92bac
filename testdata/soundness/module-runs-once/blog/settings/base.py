import os

SECRET_KEY = os.environ['SECRET_KEY']
DEBUG = False
ALLOWED_HOSTS = ['blog.example.com']
MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']
INSTALLED_APPS = ['django.contrib.auth', 'blog']
