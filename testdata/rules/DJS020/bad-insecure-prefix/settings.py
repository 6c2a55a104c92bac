DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
SECRET_KEY = "django-insecure-dyC%#bud&rNq1JnXmBEzCmMq_Xrk5!awyNZmLAUMsmaJhXVKY7"
