"""Settings shared by the gazette's deployments."""
import os

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gazette.articles",
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

# The page editor shows the site's own pages in a frame.
X_FRAME_OPTIONS = "SAMEORIGIN"
# ... which Django's deployment check warns about: acknowledged.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SILENCED_SYSTEM_CHECKS += [c for c in os.getenv("GAZETTE_SILENCED_CHECKS", "").split(",") if c]

ROOT_URLCONF = "gazette.urls"
WSGI_APPLICATION = "gazette.wsgi.application"
STATIC_URL = "static/"
