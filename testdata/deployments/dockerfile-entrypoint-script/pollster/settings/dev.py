from .common import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-dev"
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
