import os

SECRET_KEY = os.environ['SECRET_KEY']
ALLOWED_HOSTS = ['kiosk.example.com']


def set_setting(name, value):
    globals()[name] = value
