import os

# Fail-closed: debug only for an explicit opt-in.
DEBUG = os.environ.get("DJANGO_DEBUG", "").lower() in ("1", "true", "yes")

USE_TZ = True
