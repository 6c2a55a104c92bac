DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "conference",
        "HOST": "db",
    }
}
