import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECRET_KEY_FALLBACKS = [
    "django-insecure-mi+8Bb&i-RbwJLmafBAZk)UK4grW_YYGa6l)!ODzL5RWAgSrlV",
]
