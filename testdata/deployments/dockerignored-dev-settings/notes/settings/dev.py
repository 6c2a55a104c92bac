from .base import *

DEBUG = True
SECRET_KEY = "django-insecure-dev-only-7c1f0a"
ALLOWED_HOSTS = ["*"]
