import os

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = ["reports.example.com"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
