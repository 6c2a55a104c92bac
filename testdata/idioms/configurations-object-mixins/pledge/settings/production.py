from configurations import Configuration

from .base import Base
from .environment import env
from .hardening import Hardening


class Production(Base, Hardening, Configuration):
    DEBUG = False
    SECRET_KEY = env('DJANGO_SECRET_KEY')
