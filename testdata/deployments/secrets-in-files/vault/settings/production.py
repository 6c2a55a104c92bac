from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env("VAULT_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["vault.example.com"])
EMAIL_HOST = "smtp.example.com"
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
