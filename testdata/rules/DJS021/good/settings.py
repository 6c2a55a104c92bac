import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECRET_KEY_FALLBACKS = [
    os.environ["DJANGO_OLD_SECRET_KEY"],
]
