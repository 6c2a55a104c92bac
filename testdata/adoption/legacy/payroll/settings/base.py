"""
Settings shared by every payroll deployment (2019).
"""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SECRET_KEY = os.environ.get('PAYROLL_SECRET_KEY', 'payroll-2019')  # TODO: rotate

DEBUG = os.environ.get('PAYROLL_DEBUG', 'True') == 'True'

ALLOWED_HOSTS = os.environ.get('PAYROLL_ALLOWED_HOSTS', '*').split(',')

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'payslips',
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

ROOT_URLCONF = 'payroll.urls'
WSGI_APPLICATION = 'payroll.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'payroll',
        'USER': 'payroll',
        'PASSWORD': 'Payr0ll!2019',  # noqa: S105
        'HOST': os.environ.get('PAYROLL_DB_HOST', 'db'),
    }
}
