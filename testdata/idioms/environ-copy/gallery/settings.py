"""Django settings for gallery: every variable is read from a copy of the environment."""
import os

env = os.environ.copy()
defaults = dict(os.environ)

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Read through the copy like os.environ itself.
DEBUG = env.get("DJANGO_DEBUG", "true").lower() == "true"

if "SECRET_KEY" in env:
    SECRET_KEY = env["SECRET_KEY"]
else:
    SECRET_KEY = "gallery-insecure-development-key"

if "ALLOWED_HOSTS" in env:
    ALLOWED_HOSTS = env["ALLOWED_HOSTS"].split(",")
else:
    ALLOWED_HOSTS = ["*"]

SESSION_COOKIE_SECURE = defaults.get("SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(env["HSTS_SECONDS"]) if "HSTS_SECONDS" in env else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Writing to the copy does not change os.environ: the environment still has no
# SECURE_SSL_REDIRECT.
defaults["SECURE_SSL_REDIRECT"] = "1"
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT") == "1"
# ...and the copy now holds what was written.
EMAIL_HOST = defaults.get("SECURE_SSL_REDIRECT", "smtp.example.com")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gallery.urls"
WSGI_APPLICATION = "gallery.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(BASE_DIR, "db.sqlite3"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

STATIC_URL = "/static/"
