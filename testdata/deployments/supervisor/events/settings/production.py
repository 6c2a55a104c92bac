from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["events.example.com"]
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # TODO: SMTP relay
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "info")

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
