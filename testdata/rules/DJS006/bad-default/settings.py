"""Settings for the mysite project."""

ROOT_URLCONF = "mysite.urls"
ALLOWED_HOSTS = ["www.example.com"]
