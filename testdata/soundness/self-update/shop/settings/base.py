STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "shop"]
