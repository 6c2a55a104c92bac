"""
django-split-settings entry point: the components are executed in order in
this module's namespace. Pick the environment with DJANGO_ENV:

    DJANGO_ENV=production python manage.py runserver
"""
from os import environ

from split_settings.tools import include, optional

ENV = environ.get('DJANGO_ENV') or 'development'

include(
    'components/base.py',
    'components/database.py',
    optional('local_settings.py'),
    'environments/%s.py' % ENV,
)
