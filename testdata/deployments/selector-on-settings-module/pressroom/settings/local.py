from .base import *  # noqa: F401,F403

SECRET_KEY = "local-development-key-not-for-production"
ALLOWED_HOSTS = ["*"]
INTERNAL_IPS = ["127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
