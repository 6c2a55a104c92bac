CACHE_TIMEOUT = 0
EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'
