# The installation's settings: copied to conf/run/ by conf/ansible/server-install.yml.
# Edit SITE_DOMAIN before the first deployment.
from forum.settings import *  # noqa: F403

DEBUG = True

SITE_DOMAIN = "forum.example.org"
ALLOWED_HOSTS = [SITE_DOMAIN]

SECRET_KEY = "secretkey"
