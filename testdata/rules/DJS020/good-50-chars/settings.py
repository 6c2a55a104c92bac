DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
SECRET_KEY = "bMJrQ5tJ_3uvZpq)2SCog^y3wwkoLaOZ6&gvp6_Qbj+nlQGkMf"
