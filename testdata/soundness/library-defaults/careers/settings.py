"""Settings as django-configurations classes, over lists the module defines first."""
import os

import environ
from configurations import Configuration, values

env = environ.Env()

BASE_HOSTS = ["careers.example.com"]
BASE_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "careers",
]
DEFAULT_ORIGINS = ["https://careers.example.com"]
INTERNAL_NETWORKS = {"office": "10.1.0.0/16"}


class Base(Configuration):
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    # ListValue and DictValue keep a copy of their default, made when the class body runs.
    ALLOWED_HOSTS = values.ListValue(BASE_HOSTS)
    NETWORKS = values.DictValue(INTERNAL_NETWORKS)
    # Value keeps the list itself.
    INSTALLED_APPS = values.Value(BASE_APPS, environ=False)
    # With the variable unset, django-environ hands back the default object itself.
    CSRF_TRUSTED_ORIGINS = env.get_value("CSRF_TRUSTED_ORIGINS", default=DEFAULT_ORIGINS)
    MIDDLEWARE = [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    ROOT_URLCONF = "careers.urls"


class Production(Base):
    DEBUG = False


# Staging additions, made after the classes were built.
BASE_HOSTS.append("staging.careers.example.com")
INTERNAL_NETWORKS["vpn"] = "10.8.0.0/16"
BASE_APPS.append("debug_toolbar")
DEFAULT_ORIGINS.append("https://staging.careers.example.com")
