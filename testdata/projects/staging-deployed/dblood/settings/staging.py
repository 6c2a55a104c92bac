from .production import *
SECRET_KEY = os.getenv('SECRET_KEY', '__secret_high_entropy_random_bytes__')
DEBUG = True
ALLOWED_HOSTS = ['*']
# Application definition
INSTALLED_APPS.extend([
'django_extensions',
])
