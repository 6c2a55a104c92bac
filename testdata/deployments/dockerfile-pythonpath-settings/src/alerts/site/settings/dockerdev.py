from .dev import *  # noqa: F401,F403

ALLOWED_HOSTS = ["*"]
