# Copied to /config/local_settings.py at the container's first start: edit it there.

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = "__generated_secret_key__"

# SECURITY WARNING: don't run with debug turned on in production!
DEBUG = True

# SECURITY WARNING: list the domain names this instance serves.
ALLOWED_HOSTS = ["*"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/config/photoboard.db",
    }
}

MEDIA_ROOT = "/config/media"
