import os

# `manage.py` and `wsgi.py` name this package; the image names `pressroom.settings.production`.
SETTINGS_MODULE = os.environ.get("DJANGO_SETTINGS_MODULE")
if not SETTINGS_MODULE or SETTINGS_MODULE == "pressroom.settings":
    from .local import *  # noqa: F401,F403
