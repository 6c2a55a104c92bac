"""A SECRET_KEY generated at import when the variable is unset: every worker process gets its
own, so sessions and signed data break across workers and restarts."""
import os
import secrets

from django.core.management.utils import get_random_secret_key
from django.utils.crypto import get_random_string


def get_credential(name, default=None):
    return os.environ.get(name, default)


SECRET_KEY = get_credential('DJANGO_SECRET_KEY', get_random_string(50))
FALLBACK_A = os.getenv('FALLBACK_A', secrets.token_urlsafe(50))
FALLBACK_B = os.getenv('FALLBACK_B', get_random_secret_key())
SIGNING_SALT = os.getenv('SIGNING_SALT', os.urandom(16).hex())
DEBUG = False
ALLOWED_HOSTS = ['vault.example.com']
