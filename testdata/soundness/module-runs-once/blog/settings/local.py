from .base import *

# base ran once: this is the list common.py already extended.
if 'django.contrib.admin' in INSTALLED_APPS:
    ADMIN_ENABLED = True
else:
    ADMIN_ENABLED = False
