"""Run Django's own deployment checks on the settings a module produces under CPython.

Serves the requests of tests/parity.rs (see tests/python/forked_server.py), answering
{"ids": [...]} with the ids of the security deployment checks Django reports (those the settings'
SILENCED_SYSTEM_CHECKS lists left out, as `manage.py check --deploy` leaves them out), or
{"error": "...", "missing": VAR-or-null} when the settings do not import.

The checks are called directly (they only read settings and the process environment), so no
app of the project has to be installed. A SECRET_KEY that is unset or empty is replaced by a
strong one first: Django refuses to start without a key, which djsafe treats as fail-closed
rather than as a weak key.
"""

import importlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from forked_server import serve  # noqa: E402

STRONG_KEY = "parity-k3y-9f8e7d6c5b4a39281706f5e4d3c2b1a0-zyxwvutsrqponmlkj"


def settings_of(module):
    return {name: getattr(module, name) for name in dir(module) if name.isupper() and not name.startswith("_")}


def run_checks(root, module_name, env):
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, root)
    try:
        module = importlib.import_module(module_name)
    except KeyError as error:
        return {"error": f"KeyError: {error}", "missing": error.args[0] if error.args else None}
    except BaseException as error:
        return {"error": f"{type(error).__name__}: {error}", "missing": None}
    values = settings_of(module)
    if not values.get("SECRET_KEY"):
        values["SECRET_KEY"] = STRONG_KEY
    from django.conf import settings

    settings.configure(**values)
    from django.core.checks import async_checks, caches
    from django.core.checks.security import base, csrf, sessions

    functions = [
        base.check_security_middleware, base.check_xframe_options_middleware, base.check_sts,
        base.check_sts_include_subdomains, base.check_sts_preload, base.check_content_type_nosniff,
        base.check_ssl_redirect, base.check_secret_key, base.check_secret_key_fallbacks,
        base.check_debug, base.check_xframe_deny, base.check_allowed_hosts,
        base.check_referrer_policy, base.check_cross_origin_opener_policy,
        csrf.check_csrf_middleware, csrf.check_csrf_cookie_secure,
        sessions.check_session_cookie_secure, sessions.check_session_cookie_httponly,
        caches.check_cache_location_not_exposed, async_checks.check_async_unsafe,
    ]
    ids = set()
    for function in functions:
        try:
            # As `manage.py check` does: a message whose id SILENCED_SYSTEM_CHECKS lists is not shown.
            ids.update(message.id for message in function(None) if not message.is_silenced())
        except Exception as error:  # a check crashing on a value is reported as such
            ids.add(f"crash:{function.__name__}:{type(error).__name__}")
    return {"ids": sorted(ids)}


serve(run_checks)
