from .base import *  # noqa: F403

SETTINGS_SNAPSHOT = {"storages": STORAGES}
SETTINGS_SNAPSHOT.update(SETTINGS_SNAPSHOT)  # a no-op in Python
SETTINGS_SNAPSHOT["storages"]["default"]["OPTIONS"] = {"location": "/srv/media"}

APPS = INSTALLED_APPS
APPS.extend(APPS)  # appends the items it had: each app twice
