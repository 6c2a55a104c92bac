# Used when no site_settings.py is mounted: a developer's checkout.
DEBUG = True
SECRET_KEY = "django-insecure-newsroom-development-only"
ALLOWED_HOSTS = ["*"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "db.sqlite3",
    }
}
