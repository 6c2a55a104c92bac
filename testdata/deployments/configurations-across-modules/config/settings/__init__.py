from .base import Base  # noqa: F401
from .dev import Dev  # noqa: F401
from .production import Production  # noqa: F401
