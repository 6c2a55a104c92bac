"""
Settings selector: DJANGO_SETTINGS_MODULE is always 'mysite.settings';
DJANGO_ENV picks the environment-specific overrides.
"""
import os

from .base import *

if os.environ.get('DJANGO_ENV') == 'production':
    from .production import *
else:
    from .development import *
