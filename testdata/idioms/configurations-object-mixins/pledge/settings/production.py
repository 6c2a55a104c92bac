from configurations import Configuration

from .base import Base
from .environment import env
from .hardening import Hardening


class Production(Base, Hardening, Configuration):
    DEBUG = False
    # Django refuses to start without it; None keeps the module importable for the other classes.
    SECRET_KEY = env('DJANGO_SECRET_KEY', default=None)
