from .common import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
SECRET_KEY = "x" * 60
MEDIA_STORAGE = STORAGES["default"]
