from .base import *

SECRET_KEY = os.getenv('SECRET_KEY') or 'staging-secret-key-change-me'

DEBUG = os.getenv('DEBUG') == 'True' or False

ALLOWED_HOSTS = ['staging.crm.example.com']
