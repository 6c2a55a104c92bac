ALLOWED_HOSTS = ["shop.example.com", "admin.example.com"]
CSRF_TRUSTED_ORIGINS = [
    "https://shop.example.com",
    "https://*.example.com",
]
