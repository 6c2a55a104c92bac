from clinic.settings import *  # noqa: F401,F403

ALLOWED_HOSTS = ["staging.clinic.example.org"]
