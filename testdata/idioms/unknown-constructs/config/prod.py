CACHE_TIMEOUT = 600
EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'
