# djsafe: noqa-file DJS004, DJS009 -- the load balancer sends HSTS
"""Django settings for notes."""
import os  # noqa: F401

SECRET_KEY = os.environ['NOTES_SECRET_KEY']  # noqa: DJS003

DEBUG = os.environ.get('NOTES_DEBUG', 'True') != 'False'  # noqa: DJS001, debug-enabled

ALLOWED_HOSTS = ['notes.example.com', '*']  # noqa: DJS02

CSRF_TRUSTED_ORIGINS = ['https://notes.example.com']  # noqa

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'notes.pages',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
]

SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
TIME_ZONE = 'Europe/Amsterdam'  # noqa: E501
