"""Integrations: importing the package loads each of them."""
from shop.integrations import mailing  # noqa: F401
