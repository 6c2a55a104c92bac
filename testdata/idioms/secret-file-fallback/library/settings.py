"""Settings for the library catalogue: secrets come from files the deployment mounts."""
import json
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# A file of the repository: read as it is committed.
with open(BASE_DIR / 'VERSION') as version_file:
    VERSION = version_file.read().strip()

# The key is a file on the server; where it is missing, a development key is used.
SECRET_KEY_FILE = os.environ.get('SECRET_KEY_FILE', '/run/secrets/library_secret_key')
try:
    with open(SECRET_KEY_FILE) as key_file:
        SECRET_KEY = key_file.read().strip()
except IOError:
    SECRET_KEY = 'library-development-secret-key'

# Optional overrides in /etc; without the file, the defaults below.
try:
    with open('/etc/library/settings.json') as config_file:
        CONFIG = json.load(config_file)
except FileNotFoundError:
    CONFIG = {}

DEBUG = CONFIG.get('debug', False)
ALLOWED_HOSTS = CONFIG.get('hosts', ['library.example.org'])

# A path the deployment names: read when it is there, else no password.
try:
    EMAIL_HOST_PASSWORD = Path(os.environ['EMAIL_PASSWORD_FILE']).read_text().strip()
except (OSError, KeyError):
    EMAIL_HOST_PASSWORD = ''

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'library',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STATIC_URL = 'static/'
