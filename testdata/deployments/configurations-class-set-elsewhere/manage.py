#!/usr/bin/env python
import os
import sys

from configurations.management import execute_from_command_line


def main():
    os.environ['DJANGO_SETTINGS_MODULE'] = 'mapper.settings'
    os.environ.setdefault('DJANGO_CONFIGURATION', 'DevelopmentConfiguration')
    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
