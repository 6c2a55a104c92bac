# Local development: never deploy this.

DEBUG = True
ALLOWED_HOSTS = ["*"]
