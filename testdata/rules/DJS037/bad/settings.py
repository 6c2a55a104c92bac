INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
