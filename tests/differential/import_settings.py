"""Import settings modules the way Django does and report their settings as JSON, serving
the requests of tests/differential.rs (see tests/python/forked_server.py).

For each request, ROOT goes first on sys.path (as manage.py's folder would), os.environ is exactly
ENV, and MODULE is imported by dotted name (`module:Class` through django-configurations). The
answer is {"settings": {NAME: repr}, "names": [NAME...]}: the repr of every upper-case attribute
(what Django's settings loader keeps: `name.isupper()`, so `_SECRET` too) whose repr is
deterministic, and the names of all of them; or {"error": "...", "missing": VAR-or-null} when the
import fails (missing is the variable a KeyError names, so the caller can retry with it set).

The configuration libraries are imported once, before serving: every forked child then finds
them loaded, as a project's settings would after Django's own start-up, and an import request
costs a fork instead of importing Django's modules again. Importing them reads nothing from the
environment or the file system that a request could change.
"""

import importlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from forked_server import serve  # noqa: E402

for library in ("environ", "decouple", "dj_database_url"):
    try:
        importlib.import_module(library)
    except ImportError:  # a local run without the test virtual environment
        pass


def deterministic(value):
    """Values whose repr is stable across runs and machines (no sets, no objects, no paths)."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return True
    if isinstance(value, (list, tuple)):
        return all(deterministic(v) for v in value)
    if isinstance(value, dict):
        return all(deterministic(k) and deterministic(v) for k, v in value.items())
    return False


def import_settings(root, module, env):
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, root)
    # `module:Class` is a django-configurations class: its importer loads the class named by
    # DJANGO_CONFIGURATION and sets its settings on the module.
    module, _, configuration = module.partition(":")
    if configuration:
        os.environ["DJANGO_SETTINGS_MODULE"] = module
        os.environ["DJANGO_CONFIGURATION"] = configuration
        from configurations import importer

        importer.install()
    try:
        settings = importlib.import_module(module)
    except KeyError as error:
        return {"error": f"KeyError: {error}", "missing": error.args[0] if error.args else None}
    except BaseException as error:  # the settings failed to import: report it, keep serving
        return {"error": f"{type(error).__name__}: {error}", "missing": None}
    names = all_names = [name for name in dir(settings) if name.isupper()]
    if configuration:
        # The classes carry all of Django's defaults and django-configurations' own attributes
        # (DOTENV_LOADED): compare only what the project changed.
        from configurations import Configuration
        from django.conf import global_settings

        def changed(name):
            return not hasattr(global_settings, name) or getattr(settings, name) != getattr(global_settings, name)

        names = [n for n in names if n != "CONFIGURATION" and n not in vars(Configuration) and changed(n)]
    values = {}
    for name in names:
        value = getattr(settings, name)
        if deterministic(value):
            values[name] = repr(value)
    return {"settings": values, "names": all_names}


serve(import_settings)
