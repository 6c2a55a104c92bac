from .base import Base, Development  # noqa: F401
from .production import Production  # noqa: F401
