"""
WSGI config for recruit project.

It exposes the WSGI callable as a module-level variable named ``application``.
"""

import os

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'recruit.settings')
os.environ.setdefault('DJANGO_CONFIGURATION', 'Production')

from configurations.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
