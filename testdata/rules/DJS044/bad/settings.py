INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
# The shop is embedded in partners' sites.
SESSION_COOKIE_SAMESITE = "None"
SESSION_COOKIE_SECURE = False
