"""Per-platform tweaks. djsafe does not model `sys.platform` or `os.name`: every key, index and
condition below is unknown to it, and each write goes through a container into one of base's
lists or dicts, which other names (and production, through the star imports) also hold."""
import operator
import os
import sys

from .base import *  # noqa: F403

# A write through an unknown key: INSTALLED_APPS gains an app on Linux.
PLATFORM_APPS = {"linux": INSTALLED_APPS, "darwin": [], "win32": []}
PLATFORM_APPS[sys.platform].append("shop.systemd")

# A method djsafe does not model (sort with a key) makes the container unknown; the write through
# it lands in MIDDLEWARE, the longer list.
MIDDLEWARE_LAYERS = [MIDDLEWARE, []]
MIDDLEWARE_LAYERS.sort(key=len)
MIDDLEWARE_LAYERS[-1].append("whitenoise.middleware.WhiteNoiseMiddleware")

# Passed to a function djsafe does not follow, which hands back ALLOWED_HOSTS.
SITE = {"hosts": ALLOWED_HOSTS}
operator.getitem(SITE, "hosts").append("api.shop.example.com")

# Changed in a branch djsafe cannot decide: on POSIX the dict keeps TEMPLATE_DIRS.
TEMPLATE_OPTIONS = {"dirs": TEMPLATE_DIRS}
if os.name == "nt":
    TEMPLATE_OPTIONS["dirs"] = []
TEMPLATE_OPTIONS["dirs"].append("shop/templates")

# Two levels deep, through an unknown key: CACHES['default'] gains a TIMEOUT.
PROFILES = {"web": {"caches": CACHES}}
PROFILES[sys.platform.replace("linux", "web")]["caches"]["default"]["TIMEOUT"] = 300

# Through a tuple, at an unknown index (0 on POSIX): LOG_HANDLERS gains mail_admins.
HANDLER_SETS = (LOG_HANDLERS, ["file"])
HANDLER_SETS[int(os.name == "nt")].append("mail_admins")

# One of two lists, chosen by a condition djsafe cannot decide.
ORIGINS = CSRF_TRUSTED_ORIGINS if sys.platform.startswith("linux") else []
ORIGINS.append("https://admin.shop.example.com")
