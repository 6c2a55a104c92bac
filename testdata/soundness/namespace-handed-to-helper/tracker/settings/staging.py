"""Staging: a helper writes names the repository does not list, and another keeps the
namespace; what it binds after those calls is still known."""
import os

from tracker.notify.settings import pass_on, populate_extra

DEBUG = False
ALLOWED_HOSTS = ['staging.tracker.example']
SECURE_HSTS_SECONDS = 60

populate_extra(globals())
TIME_ZONE = 'UTC'
pass_on(globals())

SECRET_KEY = os.environ.get('TRACKER_SECRET_KEY', 'tracker-staging-default-key')
