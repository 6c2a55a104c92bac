"""The audit plugin: registers itself when imported."""
from portal import registry

registry.PLUGIN_APPS.append('portal.audit')
registry.LOG_LEVEL = 'DEBUG'
del registry.LEGACY_HOSTS
