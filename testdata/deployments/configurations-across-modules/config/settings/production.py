from configurations import values

from .base import Base


class Production(Base):
    DEBUG = False
    SECRET_KEY = values.SecretValue()
    ALLOWED_HOSTS = values.ListValue(["bookings.example.com"])
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 0
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True


class Preview(Production):
    """Review apps, one per pull request: DJANGO_CONFIGURATION=Preview, set by the platform."""

    ALLOWED_HOSTS = values.ListValue(["*"])
