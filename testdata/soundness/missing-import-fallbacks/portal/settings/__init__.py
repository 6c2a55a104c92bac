"""The settings package: it defines no plugin hooks, so `from portal.settings import hooks` fails."""
PACKAGE_VERSION = '2.1'
