from .base import *

ALLOWED_HOSTS = ['portal.example.com']
ALLOWED_HOSTS += ['www.portal.example.com']
ALLOWED_HOSTS.insert(0, 'api.portal.example.com')
ALLOWED_HOSTS.extend(['status.portal.example.com', 'admin.portal.example.com'])

# Health checks from the load balancer arrive with the node IP as Host.
ALLOWED_HOSTS.append('*')
