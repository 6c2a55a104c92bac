"""The reports plugin: registers itself when imported."""
from portal import registry

registry.PLUGIN_APPS.append('portal.reports')
registry.CACHE_SECONDS = 60
