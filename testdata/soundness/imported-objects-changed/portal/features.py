"""The apps each feature brings. The plugins package registers its apps here when imported."""
FEATURE_APPS = ["portal.core"]
FEATURE_MIDDLEWARE = ["portal.core.middleware.RequestIdMiddleware"]


def feature(setup):
    """Decorates a plugin's setup function: enables the plugin's app."""
    FEATURE_APPS.append("portal.plugins." + setup.__name__.replace("setup_", "", 1))
    return setup


from portal import plugins  # noqa: E402,F401  (plugins append their apps to the lists above)
