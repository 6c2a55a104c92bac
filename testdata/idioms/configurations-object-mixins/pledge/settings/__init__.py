from .environment import env
from .base import Base
from .hardening import Hardening
from .development import Development
from .production import Production

# The classes DJANGO_CONFIGURATION may name.
__all__ = ['env', 'Base', 'Hardening', 'Development', 'Production']
