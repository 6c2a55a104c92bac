from os import environ

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': environ.get('POSTGRES_DB', 'newsletter'),
        'USER': environ.get('POSTGRES_USER', 'newsletter'),
        'PASSWORD': environ.get('POSTGRES_PASSWORD', ''),
        'HOST': environ.get('POSTGRES_HOST', 'localhost'),
        'PORT': int(environ.get('POSTGRES_PORT', '5432')),
    }
}
