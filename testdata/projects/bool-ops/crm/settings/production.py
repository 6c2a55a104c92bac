from .base import *

SECRET_KEY = os.environ['SECRET_KEY']

# "Production unless told otherwise"... except PRODUCTION is never set => debug on.
DEBUG = not os.getenv('PRODUCTION')

# Falls back to ['*'] when ALLOWED_HOSTS is unset.
ALLOWED_HOSTS = os.getenv('ALLOWED_HOSTS') and os.getenv('ALLOWED_HOSTS').split(',') or ['*']
