"""Settings read from files committed with the code: JSON, TOML (tomllib and the toml
package), plain text, and YAML; a file the repository lacks takes the `except` branch."""
import json
import os
import tomllib
from pathlib import Path

import toml
import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
CONFIG_DIR = BASE_DIR / 'config'

SECRET_KEY = os.environ.get('SECRET_KEY', '')

with open(CONFIG_DIR / 'settings.json') as config_file:
    CONFIG = json.load(config_file)
DEBUG = CONFIG['debug']
TIME_ZONE = CONFIG['time_zone']
LANGUAGES = [(code, code.upper()) for code in CONFIG['languages']]
SESSION_COOKIE_AGE = CONFIG['session_age']
ADMINS = [tuple(admin) for admin in CONFIG['admins']]

with open(CONFIG_DIR / 'settings.toml', 'rb') as toml_file:
    DEPLOYMENT = tomllib.load(toml_file)
ALLOWED_HOSTS = DEPLOYMENT['site']['hosts']
SECURE_SSL_REDIRECT = DEPLOYMENT['site']['secure']
DATABASES = {'default': DEPLOYMENT['database']}
CACHE_TIMEOUT = toml.load(CONFIG_DIR / 'settings.toml')['cache']['timeout']

# Text files: universal newlines turn `\r\n` into `\n`.
CSRF_TRUSTED_ORIGINS = [
    f'https://{host}' for host in (CONFIG_DIR / 'allowed_hosts.txt').read_text().splitlines()
]
VERSION = open(os.path.join(BASE_DIR, 'VERSION')).read().strip()
VERSION_BYTES = (BASE_DIR / 'VERSION').read_bytes()

# Files this checkout does not have: Python raises FileNotFoundError.
try:
    with open(CONFIG_DIR / 'local.json') as local_file:
        LOCAL_OVERRIDES = json.load(local_file)
except FileNotFoundError:
    LOCAL_OVERRIDES = {}
try:
    EMAIL_HOST_PASSWORD = (BASE_DIR / 'secrets' / 'email.txt').read_text().strip()
except OSError:
    EMAIL_HOST_PASSWORD = None
try:
    SEARCH = toml.load(str(CONFIG_DIR / 'search.toml'))
except IOError:
    SEARCH = {'enabled': False}

# YAML 1.1 typing (`on`, `yes` are booleans): djsafe does not model it.
with open(CONFIG_DIR / 'features.yaml') as features_file:
    FEATURES = yaml.safe_load(features_file)
