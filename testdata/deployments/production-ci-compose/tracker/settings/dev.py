from .base import *  # noqa: F401,F403

SECRET_KEY = "tracker-dev-only-key"
DEBUG = True
ALLOWED_HOSTS = ["*"]
