from .base import *

ALLOWED_HOSTS = ['staging.portal.example.com']
ALLOWED_HOSTS.append('localhost')
ALLOWED_HOSTS += ['*']
