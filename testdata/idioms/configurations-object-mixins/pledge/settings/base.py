from . import defaults
from .environment import env


class Base(object):
    DEBUG = env('DEBUG')
    ALLOWED_HOSTS = env('ALLOWED_HOSTS')
    ROOT_URLCONF = 'pledge.urls'
    WSGI_APPLICATION = 'pledge.wsgi.application'
    INSTALLED_APPS = [
        'django.contrib.admin',
        'django.contrib.auth',
        'django.contrib.contenttypes',
        'django.contrib.sessions',
        'django.contrib.messages',
        'django.contrib.staticfiles',
        'pledge.donations',
    ]
    MIDDLEWARE = [
        'django.middleware.security.SecurityMiddleware',
        'django.contrib.sessions.middleware.SessionMiddleware',
        'django.middleware.common.CommonMiddleware',
        'django.middleware.csrf.CsrfViewMiddleware',
        'django.contrib.auth.middleware.AuthenticationMiddleware',
        'django.contrib.messages.middleware.MessageMiddleware',
        'django.middleware.clickjacking.XFrameOptionsMiddleware',
    ]
    AUTH_PASSWORD_VALIDATORS = [
        {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
        {'NAME': 'django.contrib.auth.password_validation.CommonPasswordValidator'},
    ]
    CSP_DEFAULT_SRC = env('CSP_DEFAULT_SRC')
    CSP_SCRIPT_SRC = env('CSP_SCRIPT_SRC')
    PAYMENT_PLANS = defaults.PAYMENT_PLANS
    SESSION_COOKIE_AGE = env('SESSION_COOKIE_AGE')

    @classmethod
    def setup(cls):
        super(Base, cls).setup()
