# SECURITY WARNING: development only!
SECRET_KEY = 'django-insecure-dev-only-3n$8v^w2!c@x7z'
DEBUG = True
ALLOWED_HOSTS = ['localhost', '127.0.0.1', '[::1]']
