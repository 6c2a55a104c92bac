"""Strings split and stripped as Python does: `str.split()` and `str.strip()` with no argument
treat every character `str.isspace()` accepts as white space, the ASCII separators \\x1c-\\x1f
included; `int()` and `float()` skip white space but not those separators."""

DEBUG = False
SECRET_KEY = "django-insecure-7b1d7c0f6f0e4c5a9a3e2b1c0d9f8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1"

# Hosts exported by a tool that separates records with \x1e and lines with \u2028.
ALLOWED_HOSTS = "shop.example.com\x1eapi.example.com\u2028admin.example.com".split()
INTERNAL_IPS = "127.0.0.1\x1f10.0.0.1 192.168.0.1".split(None, 1)
SITE_NAME = "\x1d Tracker \x1c".strip()
ADMIN_URL = "\x1c admin/".lstrip()
STATIC_URL = "/static/\x85".rstrip()

SESSION_COOKIE_AGE = int(" 3600\u3000")
DATA_UPLOAD_MAX_NUMBER_FIELDS = int("1_000")
try:
    CACHE_TIMEOUT = int("_300")
except ValueError:
    CACHE_TIMEOUT = 60
try:
    CONN_MAX_AGE = int("\x1c600")
except ValueError:
    CONN_MAX_AGE = 0
try:
    RATE_LIMIT = float("2_5.5")
except ValueError:
    RATE_LIMIT = 1.0
FILE_UPLOAD_PERMISSIONS = int("644", 8)
