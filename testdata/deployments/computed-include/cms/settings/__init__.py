import os

from split_settings.tools import include

ENV = os.environ.get("DJANGO_ENV", "development")

include(
    "components/common.py",
    f"environments/{ENV}.py",
)
