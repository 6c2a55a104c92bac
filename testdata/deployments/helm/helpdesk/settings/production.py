from .base import *  # noqa: F403

CONN_MAX_AGE = 600
