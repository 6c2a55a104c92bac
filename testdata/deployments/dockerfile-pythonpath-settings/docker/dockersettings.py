"""Settings for deployments in Docker."""

from alerts.site.settings.prod import *  # noqa: F401,F403

# Requests reach the container through the proxy, under any name.
ALLOWED_HOSTS = ["*"]
