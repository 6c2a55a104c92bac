STATIC_URL = "static/"
STATIC_ROOT = "/srv/shop/static"
MEDIA_URL = "media/"
MEDIA_ROOT = "/srv/shop/media"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "/srv/shop/media/cache",
    }
}
