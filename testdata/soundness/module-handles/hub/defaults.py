"""Defaults every deployment of the hub starts from."""
TRUSTED_HOSTS = ['hub.example.com']
LOG_LEVEL = 'INFO'
EXTRA_APPS = ['hub.accounts']
CACHE_TIMEOUT = 300
