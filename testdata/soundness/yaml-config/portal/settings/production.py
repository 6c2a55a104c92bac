"""Production settings for the portal: most values come from config/portal.yaml."""
import os
from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parent.parent.parent

with open(BASE_DIR / 'config' / 'portal.yaml') as handle:
    CONFIG = yaml.safe_load(handle)

DEBUG = CONFIG['debug']
SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
ALLOWED_HOSTS = CONFIG['hosts']
SECURE_SSL_REDIRECT = CONFIG['secure']
SITE_NAME = CONFIG['site_name']
PORT = CONFIG['port']
WORKERS = CONFIG['workers']
FILE_UPLOAD_PERMISSIONS = CONFIG['file_mode']
DATA_UPLOAD_MAX_MEMORY_SIZE = CONFIG['max_upload']
SESSION_HOURS = CONFIG['session_hours']
ADMIN_GROUPS = CONFIG['admins']
DATABASES = {
    'default': {
        'ENGINE': CONFIG['database']['engine'],
        'HOST': CONFIG['database']['host'],
        'PORT': CONFIG['database']['port'],
        'OPTIONS': CONFIG['database']['options'],
    }
}
BANNER = CONFIG['banner']
MOTTO = CONFIG['motto']
TIME_ZONE = CONFIG['timezone'] or 'UTC'
LOCALE = CONFIG['locale']
# YAML 1.1: the country code NO is the boolean False.
COUNTRY = CONFIG['country']
# A date: PyYAML builds a datetime.date, which djsafe does not model.
RELEASE = str(CONFIG['release'])

# Anchors and merge keys are not modelled: unknown.
LOGGING_CONFIG = yaml.load((BASE_DIR / 'config' / 'logging.yaml').read_text(), Loader=yaml.SafeLoader)

# BaseLoader keeps every scalar a string.
RAW_PORT = yaml.load(open(BASE_DIR / 'config' / 'portal.yaml'), Loader=yaml.BaseLoader)['port']

try:
    with open(BASE_DIR / 'config' / 'local.yaml') as handle:
        LOCAL = yaml.safe_load(handle)
except FileNotFoundError:
    LOCAL = {}
