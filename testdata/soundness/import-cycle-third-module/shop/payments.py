"""Payments: loads its provider, which registers the provider's callback host."""
import shop.providers  # noqa: F401
