from .production import *

ALLOWED_HOSTS = ["staging.shop.example.com"]
