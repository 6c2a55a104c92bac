"""Production settings for the issue tracker."""
import os

from tracker.conf_tools import REGISTERED, counted, register, site_url, timeout_for, with_level

DEBUG = False
SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
ALLOWED_HOSTS = ['tracker.example.com']


@register('tracker.apps.')
def issues():
    return 'issues'


@counted
def cache_prefix(name):
    return 'tracker-' + name + '-'


@with_level('DEBUG')
class Logging:
    LEVEL = 'INFO'


INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', *REGISTERED]
CACHE_MIDDLEWARE_KEY_PREFIX = cache_prefix('pages')
CACHE_PREFIX_NAME = cache_prefix.__name__
SESSION_COOKIE_AGE = timeout_for(30)()
LOGGING = {'version': 1, 'root': {'level': Logging.LEVEL}}
SITE_URL = site_url()


class ToolbarSetup:
    """Namespacing only: `@staticmethod` leaves the function as it is."""

    @staticmethod
    def extend(apps, middleware):
        return apps + ['tracker.audit'], middleware + ['tracker.audit.middleware.AuditMiddleware']


INSTALLED_APPS, MIDDLEWARE = ToolbarSetup.extend(INSTALLED_APPS, [])
