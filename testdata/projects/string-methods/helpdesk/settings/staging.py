from .base import *

SECRET_KEY = os.environ['SECRET_KEY'].strip()

DEBUG = os.environ.get('DEBUG', 'false').strip().lower() in ('1', 'true', 'yes')

ALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', 'staging.helpdesk.example.com').replace(' ', '').split(',')
