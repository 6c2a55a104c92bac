# Development overrides. Names such as SECRET_KEY and INSTALLED_APPS come
# from the components included before this file.
DEBUG = True

ALLOWED_HOSTS = ['*']

SECRET_KEY = SECRET_KEY or 'newsletter-development-secret'  # noqa: F821

INSTALLED_APPS += ['django_extensions']  # noqa: F821
