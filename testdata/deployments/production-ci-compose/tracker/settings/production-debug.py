# Production with the debug pages on, for a short-lived diagnosis deployment.
from .production import *  # noqa: F401,F403

DEBUG = True
