from .base import *

STATIC_URL = '/static/'
# `set_setting` writes base's namespace, and only when the mode (which djsafe cannot compute:
# it does not evaluate str.title) is 'Cdn'.
if os.getenv('KIOSK_MODE', 'local').title() == 'Cdn':
    set_setting('STATIC_URL', 'https://cdn.example.com/static/')
