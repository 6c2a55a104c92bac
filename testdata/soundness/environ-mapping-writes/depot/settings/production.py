"""Production: the shared settings, the flags, and per-site overrides from the environment."""
import os

from .base import *  # noqa: F401,F403
from .flags import CHECK_CSRF, CSRF_COOKIE_SECURE, SESSION_COOKIE_HTTPONLY  # noqa: F401

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 3600
X_FRAME_OPTIONS = 'DENY'
# Read by the load balancer's probe too.
PROBE_HSTS = os.getenv('SITE_SECURE_HSTS_SECONDS', '')

# SITE_<NAME> variables, written one by one through vars().
for _key in list(os.environ):
    if _key.startswith('SITE_'):
        vars()[_key[len('SITE_'):]] = os.environ[_key]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]
