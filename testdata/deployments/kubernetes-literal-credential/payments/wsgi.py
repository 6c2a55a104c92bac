"""WSGI config for payments."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payments.settings.production")

application = get_wsgi_application()
