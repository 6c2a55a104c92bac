"""Production settings for billing: values from config/billing.toml."""
import os
import tomllib
from pathlib import Path

import toml

BASE_DIR = Path(__file__).resolve().parent.parent.parent

with open(BASE_DIR / 'config' / 'billing.toml', 'rb') as handle:
    CONFIG = tomllib.load(handle)

DEBUG = CONFIG['debug']
SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
ALLOWED_HOSTS = CONFIG['allowed_hosts']
SITE_TITLE = CONFIG['title']
MAX_CONNECTIONS = CONFIG['max_connections']
FILE_UPLOAD_PERMISSIONS = CONFIG['file_mode']
FLAGS = CONFIG['flags']
MASK = CONFIG['mask']
TIMEOUT = CONFIG['timeout']
RETRY = CONFIG['retry']
OWNER = CONFIG['owner']
NOTES = CONFIG['notes']
RAW_PATTERN = CONFIG['raw_pattern']
STARTED = str(CONFIG['started'])
DATABASES = {
    'default': {
        'ENGINE': CONFIG['database']['engine'],
        'HOST': CONFIG['database']['host'],
        'PORT': CONFIG['database']['port'],
    }
}
QUEUES = [queue['name'] for queue in CONFIG['queues']]

# The same file through the `toml` package, which reads floats and multi-line strings its own way.
LEGACY = toml.load(BASE_DIR / 'config' / 'billing.toml')
LEGACY_TITLE = LEGACY['title']
