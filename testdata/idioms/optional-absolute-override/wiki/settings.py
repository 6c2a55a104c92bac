import os

SECRET_KEY = os.environ['SECRET_KEY']
DEBUG = False
ALLOWED_HOSTS = ['wiki.example.org']

# A deployment may drop a settings_local.py on the path to override any of the above; the
# repository has none, so on this checkout the import fails and these values stand.
try:
    from settings_local import *
except ImportError:
    pass

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
