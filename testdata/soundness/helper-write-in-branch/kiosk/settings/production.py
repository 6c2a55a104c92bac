from .common import *

try:
    from .local import *     # base again: STATIC_URL only if set_setting ran
except ImportError:
    pass
