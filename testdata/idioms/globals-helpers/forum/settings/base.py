import os


def set_option(name, value):
    """Settings defaults written through the module namespace, as some projects do."""
    globals()[name] = value


def env_option(name, default):
    value = os.getenv(name)
    globals()[name] = default if value is None else value


set_option('TIME_ZONE', 'Europe/Paris')
env_option('FORUM_THEME', 'light')
globals()['SECRET_KEY'] = os.getenv('SECRET_KEY', 'forum-dev-secret-key-do-not-use')
globals().update(
    ALLOWED_HOSTS=['forum.example.com'],
    INSTALLED_APPS=['django.contrib.auth', 'django.contrib.contenttypes', 'forum'],
)
globals().setdefault('LANGUAGE_CODE', 'fr')
for flag in ('SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE'):
    globals()[flag] = True
