STATIC_URL = "static/"
STATIC_ROOT = "/srv/shop/static"
STATICFILES_DIRS = [
    ("vendor", "/srv/shop/assets/vendor/"),
]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "/srv/shop/assets/../assets/vendor",
    }
}
