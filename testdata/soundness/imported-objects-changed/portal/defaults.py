"""Defaults shared by every deployment of the portal."""
HOST_ALLOWLIST = ["portal.example.com", "localhost", "127.0.0.1"]
SESSION_AGE = 1209600
CSRF_ORIGINS = ["https://portal.example.com"]
REDIRECT_EXEMPT = [r"^healthz/$"]
