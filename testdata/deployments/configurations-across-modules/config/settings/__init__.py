from .base import Base  # noqa: F401
from .dev import Dev  # noqa: F401
from .production import Preview, Production  # noqa: F401
