"""WSGI config for newsroom."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.heroku")

application = get_wsgi_application()
