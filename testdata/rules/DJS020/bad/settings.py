import os

DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
SECRET_KEY = os.getenv("DJANGO_SECRET_KEY", "change-me-in-production")
