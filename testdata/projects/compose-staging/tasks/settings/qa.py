from .base import *

DEBUG = True
ALLOWED_HOSTS = ['qa.tasks.example.com', 'localhost']
