import environ

from . import defaults

# Anything security related has no default here, except the hosts, which the review apps
# need open: deployments are expected to set ALLOWED_HOSTS.
env = environ.Env(
    DEBUG=(bool, False),
    CSP_DEFAULT_SRC=(tuple, defaults.CSP_DEFAULT_SRC),
    CSP_SCRIPT_SRC=(tuple, defaults.CSP_SCRIPT_SRC),
    ALLOWED_HOSTS=(list, '*'),
    SSL_REDIRECT=(bool, True),
    HSTS_SECONDS=(int, 31536000),
    SESSION_COOKIE_AGE=(int, 1209600),
)
