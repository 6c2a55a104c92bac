"""What the portal's plugins register themselves in."""
PLUGIN_APPS = ['portal.core']
LOG_LEVEL = 'INFO'
LEGACY_HOSTS = ['legacy.portal.example.com']
CACHE_SECONDS = 300
