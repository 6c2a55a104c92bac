from .base import *  # noqa: F403

SECURE_HSTS_SECONDS = 300
SECURE_HSTS_PRELOAD = False  # noqa: DJS009 - staging is never submitted for preload
