from .base import *

ALLOWED_HOSTS = ['portal.example.com']
ALLOWED_HOSTS += ['www.portal.example.com']
ALLOWED_HOSTS.insert(0, 'api.portal.example.com')
ALLOWED_HOSTS.extend(['status.portal.example.com'])
ALLOWED_HOSTS.append('.portal-cdn.example.net')
