# The App Service startup command (infra sets appCommandLine to this script).
python manage.py migrate
gunicorn --workers 2 --bind=0.0.0.0:8000 tasksite.wsgi
