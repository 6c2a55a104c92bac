"""Audit trail: its middleware is registered by the hooks it loads."""
from shop import hooks  # noqa: F401
