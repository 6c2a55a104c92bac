from .base import *

SECRET_KEY = os.environ['SECRET_KEY']

# Case-insensitive, so DEBUG=False/false are fine, but DEBUG=0 or DEBUG=off turn debug ON.
DEBUG = os.getenv('DEBUG', 'false').lower() != 'false'

ALLOWED_HOSTS = ['staging.ledger.example.com']
