"""WSGI config for radio."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "radio.settings")

application = get_wsgi_application()
