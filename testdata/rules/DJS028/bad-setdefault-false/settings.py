import os

DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "false")
