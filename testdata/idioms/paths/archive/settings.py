"""Django settings for archive."""
import os
from pathlib import Path

# Build paths inside the project like this: BASE_DIR / 'subdir'.
BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = os.path.dirname(os.path.abspath(__file__))

SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '')
DEBUG = False
ALLOWED_HOSTS = ['archive.example.org']

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'records',
]

TEMPLATES = [
    {
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'DIRS': [os.path.join(PROJECT_DIR, 'templates')],
        'APP_DIRS': True,
    },
]

ROOT_URLCONF = 'archive.urls'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        'NAME': BASE_DIR / 'db.sqlite3',
    }
}

STATIC_URL = '/static/'
STATIC_ROOT = BASE_DIR / 'staticfiles'
STATICFILES_DIRS = [str(BASE_DIR.joinpath('assets'))]

MEDIA_URL = '/media/'
MEDIA_ROOT = os.path.join(BASE_DIR, 'media')

LOCALE_PATHS = [os.path.join(PROJECT_DIR, 'locale')]
FIXTURE_DIRS = [BASE_DIR.parent / 'shared-fixtures']
LOG_FILE = os.path.join(os.path.dirname(PROJECT_DIR), 'logs', 'archive.log')
SETTINGS_FILENAME = Path(__file__).name
PROJECT_NAME = BASE_DIR.name

# Whether a path exists: inside the repository the checkout answers (the same in every clone);
# outside it, or relative to wherever the server starts, it depends on the machine.
HAS_ASSETS = os.path.isdir(BASE_DIR / 'assets')
HAS_SETTINGS_FILE = os.path.isfile(__file__)
HAS_MANAGE_PY = (BASE_DIR / 'manage.py').exists()
HAS_NO_LOCAL = (BASE_DIR / 'archive' / 'local_settings.py').is_file()
SERVER_OVERRIDE = os.path.exists('/etc/archive/override.conf')
SERVER_FLAG_DIR = Path('/var/lib/archive').is_dir()
RELATIVE_FLAG = os.path.exists('maintenance.flag')
if os.path.exists('/etc/archive/debug.flag'):
    DEBUG = True
