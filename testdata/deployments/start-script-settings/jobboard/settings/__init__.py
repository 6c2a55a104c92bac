"""Loads the settings for the environment DJANGO_ENV names (development by default)."""

import os

env = os.environ.get("DJANGO_ENV", "development")

if env == "production":
    from .production import *  # noqa: F401,F403
else:
    from .development import *  # noqa: F401,F403
