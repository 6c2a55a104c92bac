import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECRET_KEY_FALLBACKS = os.getenv("DJANGO_OLD_SECRET_KEYS", "").split(",")
