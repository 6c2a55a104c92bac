"""WSGI config for atlas."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atlas.settings.dev")

application = get_wsgi_application()
