# Copy this file next to your settings and point DJANGO_SETTINGS_MODULE at it to log in with LDAP.
import ldap
from django_auth_ldap.config import LDAPSearch

from archive.settings.production import *  # NOQA

AUTH_LDAP_SERVER_URI = "ldap://ldap.example.org"
AUTH_LDAP_USER_SEARCH = LDAPSearch(
    "ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=%(user)s)"
)
AUTHENTICATION_BACKENDS = (
    "django_auth_ldap.backend.LDAPBackend",
    "django.contrib.auth.backends.ModelBackend",
)
