"""Hardening applied when imported: it tightens the shared defaults in place."""
import portal.defaults as defaults
from portal.defaults import HOST_ALLOWLIST

STRICT = True


def _drop_local_hosts(hosts):
    for host in ("localhost", "127.0.0.1"):
        hosts.remove(host)


_drop_local_hosts(HOST_ALLOWLIST)
defaults.SESSION_AGE = 3600
defaults.CSRF_ORIGINS.append("https://admin.portal.example.com")
