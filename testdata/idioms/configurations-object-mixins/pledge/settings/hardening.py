from .environment import env


class Hardening(object):
    SECURE_SSL_REDIRECT = env('SSL_REDIRECT')
    SECURE_HSTS_SECONDS = env('HSTS_SECONDS')
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = 'DENY'

    @staticmethod
    def describe():
        return 'HTTPS only'
