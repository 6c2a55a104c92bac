import os

DEBUG = eval(os.getenv("DJANGO_DEBUG", "False"))
ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS", "shop.example.com").split(",")
