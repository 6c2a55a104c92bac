"""Settings every environment shares."""
import os

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = ["shop.example.com"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "shop",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TEMPLATE_DIRS = ["templates"]
LOG_HANDLERS = ["console"]
CSRF_TRUSTED_ORIGINS = ["https://shop.example.com"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
STATICFILES_DIRS = ["assets"]
ADMINS = [("Ops", "ops@shop.example.com")]
INTERNAL_IPS = ["127.0.0.1"]
CORS_ALLOWED_ORIGINS = ["https://shop.example.com"]
SESSION_SERIALIZERS = {"json", "pickle"}
LANGUAGE_CODES = {"en", "fr", "de"}
SITE_DOMAINS = {"primary": ["shop.example.com"]}
FIXTURE_DIRS = ["fixtures"]
LOCALE_PATHS = ["locale"]
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
