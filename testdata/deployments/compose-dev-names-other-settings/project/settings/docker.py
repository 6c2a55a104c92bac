from .base import *  # noqa: F403
# Settings of the docker-compose development setup (database and cache in containers).

DEBUG = True
ALLOWED_HOSTS = ["*"]
SECRET_KEY = "django-insecure-development"
