"""WSGI config for tracker: the server's environment names the settings."""
import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"]  # noqa: B018 (fail early when unset)

application = get_wsgi_application()
