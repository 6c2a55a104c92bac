"""WSGI config for pollster."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pollster.settings.dev")

application = get_wsgi_application()
