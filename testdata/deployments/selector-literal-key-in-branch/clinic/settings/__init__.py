import os

APP_ENV = os.environ.get("APP_ENV", "development")

if APP_ENV == "production":
    from .production import *  # noqa: F403
elif APP_ENV == "staging":
    from .staging import *  # noqa: F403
else:
    from .development import *  # noqa: F403
