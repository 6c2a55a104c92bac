import multiprocessing

wsgi_app = "library.wsgi:application"
bind = "0.0.0.0:8000"
workers = multiprocessing.cpu_count() * 2 + 1
accesslog = "-"
raw_env = [
    "DJANGO_SETTINGS_MODULE=library.settings.production",
    "DJANGO_DEBUG=0",
]
