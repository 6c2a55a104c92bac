import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": os.getenv("DB_PASSWORD", ""),
        "HOST": "db.internal",
    }
}
CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
EMAIL_HOST = "smtp.mailgun.org"
EMAIL_HOST_USER = "postmaster@mg.example.com"
EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]
CACHE_KEY_PREFIX = "shop"
RECAPTCHA_SITE_KEY = "6LcShopS1teKeyForTheCheckoutForm"
JWT_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEshop\n-----END PUBLIC KEY-----"
