from .production import *

# Live cluster: same as production plus the CDN host.
ALLOWED_HOSTS = ALLOWED_HOSTS + ['cdn.shop.example.com']

DATABASES['default']['CONN_MAX_AGE'] = 60
