from .base import *

SECRET_KEY = os.environ['SECRET_KEY'].strip()

DEBUG = os.getenv('DJANGO_DEBUG', 'TRUE').lower() == 'true'

ALLOWED_HOSTS = os.getenv('ALLOWED_HOSTS', ' * ').strip().split(',')
