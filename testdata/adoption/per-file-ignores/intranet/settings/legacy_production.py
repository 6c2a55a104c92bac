from .production import *  # noqa: F401,F403

SECRET_KEY = 'intranet-legacy-key-from-the-old-ldap-days-kept-for-sso-cookies'
DEBUG = True
