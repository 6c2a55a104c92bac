"""Settings computed by nested helpers: the innermost function reads variables two functions
out (a parameter, a local, a list it changes)."""
import os


def _hosts(domain):
    def for_region(region):
        def host(service):
            return f'{service}.{region}.{domain}'
        return [host('api'), host('www')]
    return for_region(os.environ.get('GATEWAY_REGION', 'eu'))


def _apps():
    base = ['django.contrib.auth', 'django.contrib.contenttypes']

    def with_extras():
        extra = 'gateway'

        def combined():
            return base + [extra]
        return combined()
    return with_extras()


def _middleware():
    stack = ['django.middleware.security.SecurityMiddleware']

    def install():
        def add(name):
            stack.append(name)
        add('django.middleware.csrf.CsrfViewMiddleware')
        add('django.middleware.clickjacking.XFrameOptionsMiddleware')
    install()
    return stack


ALLOWED_HOSTS = _hosts('gateway.example.com')
INSTALLED_APPS = _apps()
MIDDLEWARE = _middleware()
DEBUG = False
SECRET_KEY = os.environ.get('GATEWAY_SECRET_KEY', 'gateway-development-only-secret')
