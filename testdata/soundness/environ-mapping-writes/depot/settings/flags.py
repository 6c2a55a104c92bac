"""Feature flags: FLAG_<NAME>=1 turns the setting <NAME> on, from a helper."""
import os

CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Read by the health check as well.
CHECK_CSRF = os.getenv('FLAG_CSRF_COOKIE_SECURE', '1') == '1'


def load_flags(prefix='FLAG_'):
    for key, value in os.environ.items():
        if key.startswith(prefix):
            globals()[key[len(prefix):]] = value in ('1', 'true', 'True')


load_flags()
