from .common import *

ALLOWED_HOSTS = ['shop.example.com', 'www.shop.example.com']
