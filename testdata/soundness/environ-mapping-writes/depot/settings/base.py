"""Settings every depot deployment shares; the environment may override any of them."""
import os

DEBUG = False
ALLOWED_HOSTS = ['depot.example.com']
SECRET_KEY = os.getenv('DEPOT_SECRET_KEY', 'depot-insecure-development-key')
SESSION_COOKIE_SECURE = True
TIME_ZONE = 'UTC'
# The old deployment scripts set DEPOT_DEBUG for the request logger too.
LOG_REQUESTS = os.getenv('DEPOT_DEBUG', '') != ''

# Every DEPOT_<NAME> variable overrides the setting <NAME>.
globals().update({
    key[len('DEPOT_'):]: value
    for key, value in os.environ.items()
    if key.startswith('DEPOT_')
})

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'depot',
]
