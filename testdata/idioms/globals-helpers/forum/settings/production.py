from .base import *

DEBUG = False
# `set_option` writes base's namespace (its own module's globals), not this one's.
set_option('SECURE_SSL_REDIRECT', True)
globals()['SECURE_HSTS_SECONDS'] = 3600
