import os

from .base import *

# base.__all__ exports neither SECRET_KEY, DEBUG nor ALLOWED_HOSTS, so the
# insecure local values in base.py never reach this module. DEBUG is left
# at Django's default (False).
SECRET_KEY = os.environ['SECRET_KEY']
ALLOWED_HOSTS = ['wiki.example.com']
