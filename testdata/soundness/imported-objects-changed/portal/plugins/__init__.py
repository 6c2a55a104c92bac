"""Bundled plugins: each adds its app to portal.features when imported."""
from portal.features import FEATURE_APPS, FEATURE_MIDDLEWARE, feature

FEATURE_APPS.append("portal.plugins.billing")
FEATURE_MIDDLEWARE.insert(0, "portal.plugins.billing.middleware.TenantMiddleware")


@feature
def setup_search():
    """Search across every tenant."""
