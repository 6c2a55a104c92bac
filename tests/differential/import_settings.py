"""Import settings modules the way Django does and report their settings as JSON.

Reads one request per line on standard input: {"root": ..., "module": ..., "env": {...}}, and
answers each with one line. Every request runs in a forked child, so each import starts from a
fresh interpreter state (nothing cached in sys.modules, the environment exactly as requested)
without paying for a new interpreter.

In the child, ROOT goes first on sys.path (as manage.py's folder would), os.environ is exactly
ENV, and MODULE is imported by dotted name (`module:Class` through django-configurations). The answer is {"settings": {NAME: repr}} for every
upper-case attribute whose repr is deterministic, or {"error": "...", "missing": VAR-or-null}
when the import fails (missing is the variable a KeyError names, so the caller can retry with it
set).
"""

import importlib
import json
import os
import sys


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
    names = [name for name in dir(settings) if name.isupper() and not name.startswith("_")]
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
    return {"settings": values}


def serve():
    for line in sys.stdin:
        request = json.loads(line)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            try:
                answer = import_settings(request["root"], request["module"], request["env"])
            except BaseException as error:
                answer = {"error": f"harness: {type(error).__name__}: {error}", "missing": None}
            with os.fdopen(write_end, "w") as out:
                out.write(json.dumps(answer))
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end) as answer:
            text = answer.read()
        os.waitpid(pid, 0)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


serve()
