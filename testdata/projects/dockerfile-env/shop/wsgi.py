"""
WSGI config for shop project.

DJANGO_SETTINGS_MODULE is provided by the container environment (see Dockerfile).
"""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
