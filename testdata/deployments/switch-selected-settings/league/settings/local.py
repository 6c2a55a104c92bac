DEBUG = True
SECRET_KEY = "local-development-key-not-secret"
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
