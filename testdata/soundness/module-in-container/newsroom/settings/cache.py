"""Caches."""
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHE_KEY_PREFIXES = ["newsroom"]
