# Django's defaults (django/conf/global_settings.py, Django 6.1) for the settings djsafe's rules
# read. A setting a project never assigns has this value. djsafe evaluates this file with the same
# evaluator as the project's settings; findings never point here.
DEBUG = False
DEBUG_PROPAGATE_EXCEPTIONS = False
INTERNAL_IPS = []
ALLOWED_HOSTS = []
DATABASES = {}
INSTALLED_APPS = []
TEMPLATES = []
SECRET_KEY = ""
SECRET_KEY_FALLBACKS = []
MEDIA_ROOT = ""
STATIC_ROOT = None
STATICFILES_DIRS = []
FILE_UPLOAD_PERMISSIONS = 0o644
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = None
MIDDLEWARE = []
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    }
}
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = []
CSRF_COOKIE_SECURE = False
CSRF_COOKIE_HTTPONLY = False
CSRF_TRUSTED_ORIGINS = []
CSRF_USE_SESSIONS = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SECURE_HSTS_SECONDS = 0
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = False
