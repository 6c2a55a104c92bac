import os

DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
if os.getenv("DJANGO_NOTEBOOK") == "1":
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
