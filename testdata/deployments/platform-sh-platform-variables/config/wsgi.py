"""WSGI config for config."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.platformsh")

application = get_wsgi_application()
