from .production import *  # noqa: F401,F403

SECRET_KEY = """staging-only-payroll-key-kept-from-the-2019-deploy-scripts-
and-wrapped-to-fit-79-columns"""
DEBUG = True  # the testers want tracebacks
