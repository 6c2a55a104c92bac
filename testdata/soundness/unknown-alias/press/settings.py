"""A name that holds one dict or another, after a condition djsafe cannot decide: a change made
through it may change either (found by the generated-package test)."""
import os

SECRET_KEY = os.environ['SECRET_KEY']
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'press.db'}}
FEATURES = DATABASES
match os.getenv('PRESS_MODE', 'production')[2:]:
    case 'oduction':
        pass
    case _:
        FEATURES = {'default': {}}
STORAGES = FEATURES
STORAGES.update({'replica': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'replica.db'}})
ALLOWED_HOSTS = ['press.example.com']
