import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": os.getenv("DB_PASSWORD", "shop-db-2019"),
        "HOST": "db.internal",
    }
}
CELERY_BROKER_URL = "redis://:s3cr3t-redis@cache.internal:6379/0"
EMAIL_HOST = "smtp.mailgun.org"
EMAIL_HOST_USER = "postmaster@mg.example.com"
EMAIL_HOST_PASSWORD = "mailgun-key-3f9a7c"
