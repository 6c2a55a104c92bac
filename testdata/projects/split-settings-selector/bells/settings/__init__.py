"""Settings assembled by django-split-settings: the environment picks its file."""
import os

from split_settings.tools import include as settings_include
from split_settings.tools import optional

ENV = os.environ.get("DJANGO_ENV", "development")

settings_include(
    "base.py",
    f"environments/{ENV}.py",
    optional("local.py"),
)
