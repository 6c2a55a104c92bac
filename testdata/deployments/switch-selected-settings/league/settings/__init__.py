"""Settings chosen by where the site runs: Heroku's config vars set ON_HEROKU=1."""
import os

from .base import *  # noqa: F403

if os.environ.get("ON_HEROKU", ""):
    from .heroku import *  # noqa: F403
else:
    from .local import *  # noqa: F403
