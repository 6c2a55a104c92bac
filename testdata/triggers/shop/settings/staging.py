from .common import *

ALLOWED_HOSTS = ['staging.shop.example.com']
