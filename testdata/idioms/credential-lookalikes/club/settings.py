"""Keys that sound like credentials, whose values are not: django-allauth's rate limits and
forms, URL names and paths, and a password read from the environment into a URL."""
import os

SECRET_KEY = os.environ['SECRET_KEY']
DEBUG = False
ALLOWED_HOSTS = ['club.example.com']

ACCOUNT_RATE_LIMITS = {
    'change_password': '1/m/user',
    'reset_password': '20/m/ip,5/m/key',
    'login_failed': '10/m/ip,5/300s/key',
}
ACCOUNT_FORMS = {
    'reset_password': 'club.forms.ResetPasswordForm',
    'change_password': 'club.forms.ChangePasswordForm',
}
PASSWORD_RESET_URL = '/accounts/password/reset/'
LOGIN_REDIRECT_PASSWORD = 'account:password_change'
SOCIALACCOUNT_TOKEN = 'socialaccount.tokens.SocialToken'

REDIS_URL = f"redis://:{os.getenv('REDIS_PASSWORD')}@cache:6379/0"
CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.redis.RedisCache',
        'LOCATION': REDIS_URL,
        'KEY_PREFIX': 'club',
    }
}
