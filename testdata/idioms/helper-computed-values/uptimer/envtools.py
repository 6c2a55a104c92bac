"""Reading typed values from the environment, shared by the settings and the worker."""
import os


def envflag(name, default="0"):
    value = os.getenv(name, default)
    return value.strip().lower() in ("1", "true", "yes")


def envint(name, default):
    value = os.getenv(name)
    if value is None:
        return default
    return int(value)
