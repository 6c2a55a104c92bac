import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "donations.settings")
os.environ.setdefault("DJANGO_CONFIGURATION", "Development")

from configurations.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
