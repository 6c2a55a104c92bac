"""Mailing integration: registers its app and raises the log level of the registry."""
from shop import registry

registry.REGISTERED_APPS.append('shop.integrations.mailing')
registry.LOG_LEVEL = 'DEBUG'
