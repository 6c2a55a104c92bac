DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
SECRET_KEY = "abcdeabcdeabcdeabcdeabcdeabcdeabcdeabcdeabcdeabcdeabcdeabcde"
