import os

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

USE_TZ = True
