"""WSGI config for meetups: the hosting's WSGI file imports this."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetups.settings")

application = get_wsgi_application()
