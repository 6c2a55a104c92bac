DEBUG = False
INSTALLED_APPS = ["django.contrib.contenttypes", "shop"]
INTERNAL_IPS = ["127.0.0.1", "*"]
