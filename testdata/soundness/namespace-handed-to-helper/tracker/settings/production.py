"""Production settings: helpers are handed the module namespace and write settings into it."""
import os

from tracker.notify.settings import populate_settings

DEBUG = os.environ.get('TRACKER_DEBUG', 'False') == 'True'
ALLOWED_HOSTS = os.environ.get('TRACKER_ALLOWED_HOSTS', '*').split(',')
STATIC_URL = '/static'
LEGACY_OPTION = 'remove-me'
SESSION_COOKIE_SECURE = False


def _harden(namespace, hsts):
    namespace.update({'SESSION_COOKIE_SECURE': True}, CSRF_COOKIE_SECURE=True)
    namespace.setdefault('SECURE_HSTS_SECONDS', hsts)
    namespace.setdefault('DEBUG', True)
    if namespace.get('DEBUG'):
        namespace['INTERNAL_IPS'] = ['127.0.0.1']
    namespace['STATIC_URL'] = namespace['STATIC_URL'].rstrip('/') + '/'
    namespace['X_FRAME_OPTIONS'] = namespace.get('X_FRAME', 'DENY')
    del namespace['LEGACY_OPTION']
    for name, value in {'SECURE_SSL_REDIRECT': True, 'SECURE_CONTENT_TYPE_NOSNIFF': True}.items():
        namespace[name] = value


populate_settings(os.environ.get, globals())
_harden(globals(), hsts=3600)

SECRET_KEY = os.environ.get('TRACKER_SECRET_KEY', 'tracker-insecure-default-key')
EMAIL_HOST = 'smtp.tracker.example'

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'tracker',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
]
