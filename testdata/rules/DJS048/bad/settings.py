import os

# The fail-open comparison was fixed; its suppression stayed.
DEBUG = os.environ.get("DJANGO_DEBUG", "").lower() in ("1", "true", "yes")  # noqa: DJS001

USE_TZ = True
