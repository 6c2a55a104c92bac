"""WSGI config for tasks."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tasks.settings")

application = get_wsgi_application()
