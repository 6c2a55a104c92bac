"""Django settings for ledger: one module, configured through the environment."""
from os import environ, getenv
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = environ.get("LEDGER_DEBUG", "true").lower() != "false"

SECRET_KEY = getenv("LEDGER_SECRET_KEY") or "ledger-2019-key-d41d8cd98f00b204e9800998ecf8427e-x"

ALLOWED_HOSTS = [
    "ledger.example.com",
    "*",  # the health checker calls us by IP
]

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

ROOT_URLCONF = 'ledger.urls'

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
