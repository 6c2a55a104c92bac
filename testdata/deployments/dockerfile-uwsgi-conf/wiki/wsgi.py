"""WSGI config for wiki."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wiki.settings.dev")

application = get_wsgi_application()
