from .production import *  # noqa: F403

ALLOWED_HOSTS = ["staging.clinic.example.com"]
SECRET_KEY = "staging-key-committed"
