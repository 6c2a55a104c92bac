"""Production: platform's tweaks, and a few more made through values djsafe does not follow."""
import os
import sys
import types

from .platform import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# `or` whose left side djsafe cannot decide: on POSIX the list is AUTH_PASSWORD_VALIDATORS.
VALIDATORS = (os.name == "nt") or AUTH_PASSWORD_VALIDATORS
VALIDATORS.append({"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"})


def first_if(flag, value, fallback):
    if flag:
        return value
    return fallback


# A helper returning one of its arguments under a condition djsafe cannot decide.
first_if(sys.platform == "linux", STATICFILES_DIRS, []).append("shop/static")

# Stored in an object djsafe does not model, then changed through it.
REGISTRY = types.SimpleNamespace()
REGISTRY.admins = ADMINS
REGISTRY.admins.append(("Security", "security@shop.example.com"))

# A dict whose contents are unknown holds the list: a write through it reaches INTERNAL_IPS.
NETWORKS = dict(os.environ.items())
NETWORKS["internal"] = INTERNAL_IPS
NETWORKS["internal"].append("10.0.0.1")

# A side effect on the right of an `or` djsafe cannot decide.
(os.name == "nt") or CORS_ALLOWED_ORIGINS.append("https://admin.shop.example.com")

# Set methods and operators that change the set in place, seen through another name.
SERIALIZERS = SESSION_SERIALIZERS
SESSION_SERIALIZERS.difference_update({"pickle"})
LANGUAGES_ENABLED = LANGUAGE_CODES
LANGUAGE_CODES -= {"de"}

# A loop djsafe cannot unroll changes a list it reads through another name.
for _entry in sys.path[:1]:
    _domains = SITE_DOMAINS.get("primary")
    _domains.append("cdn.shop.example.com")


DATA_DIRS = {"fixtures": FIXTURE_DIRS}


def pad_fixture_dirs(minimum):
    dirs = DATA_DIRS.get("fixtures")
    while len(dirs) < minimum:
        dirs.append("fixtures/extra")


# A helper djsafe does not follow to its end (a `while` loop) changes a module-level list.
pad_fixture_dirs(2)

# Kept by a comprehension whose filter djsafe cannot decide, then changed through it.
_kept = [paths for paths in [LOCALE_PATHS, []] if sys.platform != "win32"]
_kept[0].append("shop/locale")

# Doubled past the size djsafe evaluates (32,768 references to one list), then changed through it.
_many = [SECURE_REDIRECT_EXEMPT]
for _round in range(15):
    _many.extend(_many)
_many[0].append(r"^status/$")

# Repeated by `*`, which djsafe does not evaluate, then changed through the repetition.
_finders = [STATICFILES_FINDERS] * 2
_finders[1].append("compressor.finders.CompressorFinder")
