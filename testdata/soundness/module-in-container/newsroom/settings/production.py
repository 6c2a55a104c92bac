"""Production: the per-platform layer is chosen at import; djsafe does not model sys.platform,
so which module each write below reaches is unknown to it."""
import os
import sys
import types

from . import base, cache, mail, search

# The layer for this platform (base on Linux) gets DEBUG switched off and a host added.
PLATFORM_LAYERS = {"linux": base, "darwin": mail}
PLATFORM_LAYERS[sys.platform].DEBUG = False
PLATFORM_LAYERS[sys.platform].ALLOWED_HOSTS.append("www.newsroom.example.com")

# Layers sorted by a key djsafe does not evaluate, then changed through the list.
LAYERS = [cache, base]
LAYERS.sort(key=lambda module: module.__name__)
LAYERS[0].INSTALLED_APPS.append("newsroom.audit")

# An attribute chosen at run time.
_setting = "ADMINS" if sys.platform.startswith("linux") else "EMAIL_HOST"
getattr(mail, _setting).append(("Ops", "ops@newsroom.example.com"))
setattr(mail, "EMAIL_USE_TLS", True)

# A module held by an object djsafe does not model.
REGISTRY = types.SimpleNamespace(search=search)
REGISTRY.search.SEARCH_HOSTS.append("search-replica.internal:9200")

from .base import *  # noqa: E402,F403
from .cache import *  # noqa: E402,F403
from .mail import *  # noqa: E402,F403
from .search import *  # noqa: E402,F403

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
