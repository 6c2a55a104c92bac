"""Settings for the archive: most values come from its setting namespace (see conf.namespace)."""
import os

from archive.conf.namespace import SettingNamespace

setting_namespace = SettingNamespace(global_symbol_table=globals())
setting_namespace.update_globals()

environment_secret_key = os.environ.get('ARCHIVE_SECRET_KEY')
if environment_secret_key:
    SECRET_KEY = environment_secret_key
else:
    SECRET_KEY_PATH = os.path.join(MEDIA_ROOT, 'system', 'SECRET_KEY')  # noqa: F821
    try:
        with open(file=SECRET_KEY_PATH) as file_object:
            SECRET_KEY = file_object.read().strip()
    except IOError:
        SECRET_KEY = 'archive-default-secret-key'

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.staticfiles',
    'archive',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

STATIC_URL = 'static/'
