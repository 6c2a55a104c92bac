from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-local-development-key-3k9f"
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
