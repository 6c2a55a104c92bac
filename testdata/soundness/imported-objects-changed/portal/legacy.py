"""Compatibility switches: no redirect exemptions once the legacy health check is gone."""
import portal.defaults as defaults

LEGACY_HEALTHCHECK = False

if not LEGACY_HEALTHCHECK:
    setattr(defaults, "REDIRECT_EXEMPT", [])
