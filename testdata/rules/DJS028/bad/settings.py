import os

DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
