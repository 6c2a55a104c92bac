import os

DEBUG = os.environ.get("FLASK_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "flask-dev-key")
SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///app.db")
SQLALCHEMY_TRACK_MODIFICATIONS = False
