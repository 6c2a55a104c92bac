from .base import Base


class Dev(Base):
    DEBUG = True
    SECRET_KEY = "django-insecure-dev-only"
    ALLOWED_HOSTS = ["*"]
