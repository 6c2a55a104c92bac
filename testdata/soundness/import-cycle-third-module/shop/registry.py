"""Apps, hosts and middleware the integrations register themselves in."""
REGISTERED_APPS = ['shop.catalog']
REGISTERED_HOSTS = ['shop.example.com']
AUDIT_MIDDLEWARE = ['shop.middleware.RequestIdMiddleware']
LOG_LEVEL = 'INFO'
AUDIT_TRAIL = True

# The integrations load last: each registers itself here on import.
from shop import integrations  # noqa: E402,F401

try:
    from shop import payments  # noqa: E402,F401
except ImportError:
    pass

if AUDIT_TRAIL:
    import shop.audit  # noqa: E402,F401
