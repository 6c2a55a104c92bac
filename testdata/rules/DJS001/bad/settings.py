import os

# Fail-open: debug is on unless the variable is exactly "False".
DEBUG = os.environ.get("DJANGO_DEBUG", "True") != "False"

USE_TZ = True
