"""Helpers the settings use to register apps and build values."""
import functools

REGISTERED = []
prefix = 'tracker.'


def register(prefix):
    """A decorator with an argument: the app name is the prefix and the function's name."""
    def wrap(func):
        REGISTERED.append(prefix + func.__name__)
        return func
    return wrap


def counted(func):
    """A decorator returning a closure over its own state."""
    calls = []

    @functools.wraps(func)
    def inner(*args):
        calls.append(args)
        return func(*args) + str(len(calls))
    return inner


def timeout_for(seconds):
    def build():
        return seconds * 60
    return build


def with_level(level):
    """A class decorator with an argument."""
    def apply(cls):
        cls.LEVEL = level
        return cls
    return apply


def base_url():
    return 'https://' + prefix + 'example.com'


def site_url():
    prefix = 'staff.'
    return base_url()
