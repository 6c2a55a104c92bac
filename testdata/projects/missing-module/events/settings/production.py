from .common import *

import os

SECRET_KEY = os.environ['SECRET_KEY']

# Temporary: investigating a 500 on the ticketing page.
DEBUG = True

ALLOWED_HOSTS = ['events.example.com']
