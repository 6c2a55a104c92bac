# The settings of the old deployment, kept for reference; nothing imports them.
DEBUG = True
ALLOWED_HOSTS = ['*']
