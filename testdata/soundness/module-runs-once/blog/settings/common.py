from .base import *

MIDDLEWARE.append('django.middleware.clickjacking.XFrameOptionsMiddleware')
INSTALLED_APPS += ['django.contrib.admin']
