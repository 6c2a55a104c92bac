"""ASGI config for tasksite."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tasksite.settings')

application = get_asgi_application()
