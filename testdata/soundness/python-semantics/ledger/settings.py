"""Values whose Python semantics djsafe got wrong: floor division and modulo by a negative
number, f-string `=`, `!r` of an unknown value, repr of floats and bytes, underscore settings."""
import os

SECRET_KEY = os.environ['SECRET_KEY']
ALLOWED_HOSTS = ['ledger.example.com']

PAGE_OFFSET = 5 // -2                   # -3: floor, not truncation
ROUNDING = 7 % -3                       # -2: the sign of the divisor
NEGATIVE = -7 // 2                      # -4
WORKERS = int(os.getenv('WORKERS', '4'))
SHARD = -WORKERS % 3

CACHE_TIMEOUT = 300
CACHE_LABEL = f'{CACHE_TIMEOUT=}'        # "CACHE_TIMEOUT=300"
CACHE_NOTE = f'{ CACHE_TIMEOUT = }'      # the spaces are kept
CACHE_TEXT = f'{CACHE_LABEL=!s}'
REGION = os.getenv('REGION')
REGION_REPR = f'region={REGION!r}'      # None when unset, the value's repr when set
REGION_LABEL = f'{REGION=}'

RATIO = 0.1 + 0.2
BIG = 1e16
SMALL = 0.00001
TOKEN_BYTES = b'\x00\xffledger'

_SECRET_SALT = 'pepper'                 # '_SECRET_SALT'.isupper(): Django keeps it
_private = 'not a setting'
