"""WSGI config for tasksite."""
import os

from django.core.wsgi import get_wsgi_application

# Azure App Service sets WEBSITE_HOSTNAME: load the production settings there.
settings_module = 'tasksite.production' if 'WEBSITE_HOSTNAME' in os.environ else 'tasksite.settings'
os.environ.setdefault('DJANGO_SETTINGS_MODULE', settings_module)

application = get_wsgi_application()
