"""Production: the hosted service, behind the company's proxy."""
from . import base
from .base import *  # noqa: F401,F403

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# The proxy's own address is a second public URL: `configure_site_url` rebinds base's
# ALLOWED_HOSTS (this module keeps the list it imported) and appends to the CSRF list both share.
os.environ.setdefault("LEDGER_URL", "https://proxy.ledger.example")
PROXY_URL = configure_site_url()
BASE_ALLOWED_HOSTS = base.ALLOWED_HOSTS
