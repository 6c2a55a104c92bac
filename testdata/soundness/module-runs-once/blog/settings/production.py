from .common import *
from .local import *

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
