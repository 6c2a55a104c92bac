from config.settings.common import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev"
