"""Core settings (part A). Mistakenly star-imports part B, which imports A back."""
import os
from pathlib import Path

from .b import *

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'issues',
]

ROOT_URLCONF = 'tracker.urls'
