#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    # On Azure App Service use the production settings.
    if 'WEBSITE_HOSTNAME' in os.environ:
        settings_module = 'tasksite.production'
    else:
        settings_module = 'tasksite.settings'
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', settings_module)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
