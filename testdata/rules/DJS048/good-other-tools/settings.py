import os
import sys  # noqa: F401

# Other linters' codes and bare noqa comments are theirs, not djsafe's.
DEBUG = os.environ.get("DJANGO_DEBUG", "").lower() in ("1", "true")  # noqa
TIME_ZONE = "Europe/Amsterdam"  # noqa: E501
USE_TZ = True
