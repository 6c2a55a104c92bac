"""TOML documents read with tomllib (TOML 1.0), one per setting: dotted keys, inline tables,
multi-line strings, numbers in every form, dates, TOML 1.1 features and invalid documents
('error'). What djsafe knows of each is checked against Python."""
from .production import *  # noqa: F401,F403
import tomllib
try:
    CASE_000 = tomllib.loads('a.b.c = 1')
except tomllib.TOMLDecodeError:
    CASE_000 = 'error'
try:
    CASE_001 = tomllib.loads('site."quoted.key" = "v"')
except tomllib.TOMLDecodeError:
    CASE_001 = 'error'
try:
    CASE_002 = tomllib.loads('inline = { x = 1, y = { z = "deep" } }')
except tomllib.TOMLDecodeError:
    CASE_002 = 'error'
try:
    CASE_003 = tomllib.loads('ml = """\nfirst\n  second \\\n  continued"""')
except tomllib.TOMLDecodeError:
    CASE_003 = 'error'
try:
    CASE_004 = tomllib.loads("lit = '''\nraw \\n here'''")
except tomllib.TOMLDecodeError:
    CASE_004 = 'error'
try:
    CASE_005 = tomllib.loads('n = 1_000_000')
except tomllib.TOMLDecodeError:
    CASE_005 = 'error'
try:
    CASE_006 = tomllib.loads('h = 0xDEAD_beef')
except tomllib.TOMLDecodeError:
    CASE_006 = 'error'
try:
    CASE_007 = tomllib.loads('o = 0o755')
except tomllib.TOMLDecodeError:
    CASE_007 = 'error'
try:
    CASE_008 = tomllib.loads('b = 0b1101')
except tomllib.TOMLDecodeError:
    CASE_008 = 'error'
try:
    CASE_009 = tomllib.loads('neg = -17')
except tomllib.TOMLDecodeError:
    CASE_009 = 'error'
try:
    CASE_010 = tomllib.loads('pos = +17')
except tomllib.TOMLDecodeError:
    CASE_010 = 'error'
try:
    CASE_011 = tomllib.loads('i = inf')
except tomllib.TOMLDecodeError:
    CASE_011 = 'error'
try:
    CASE_012 = tomllib.loads('ni = -inf')
except tomllib.TOMLDecodeError:
    CASE_012 = 'error'
try:
    CASE_013 = tomllib.loads('pi = +inf')
except tomllib.TOMLDecodeError:
    CASE_013 = 'error'
try:
    CASE_014 = tomllib.loads('nan = nan')
except tomllib.TOMLDecodeError:
    CASE_014 = 'error'
try:
    CASE_015 = tomllib.loads('f = 6.626e-34')
except tomllib.TOMLDecodeError:
    CASE_015 = 'error'
try:
    CASE_016 = tomllib.loads('big = 1e1000')
except tomllib.TOMLDecodeError:
    CASE_016 = 'error'
try:
    CASE_017 = tomllib.loads('f3 = 0.1')
except tomllib.TOMLDecodeError:
    CASE_017 = 'error'
try:
    CASE_018 = tomllib.loads('f4 = 1e2')
except tomllib.TOMLDecodeError:
    CASE_018 = 'error'
try:
    CASE_019 = tomllib.loads('f5 = -0.0')
except tomllib.TOMLDecodeError:
    CASE_019 = 'error'
try:
    CASE_020 = tomllib.loads('f6 = 3.14159_26')
except tomllib.TOMLDecodeError:
    CASE_020 = 'error'
try:
    CASE_021 = tomllib.loads('f7 = 1E+5')
except tomllib.TOMLDecodeError:
    CASE_021 = 'error'
try:
    CASE_022 = tomllib.loads('huge = 99999999999999999999')
except tomllib.TOMLDecodeError:
    CASE_022 = 'error'
try:
    CASE_023 = tomllib.loads('min = -9223372036854775808')
except tomllib.TOMLDecodeError:
    CASE_023 = 'error'
try:
    CASE_024 = tomllib.loads('max = 9223372036854775807')
except tomllib.TOMLDecodeError:
    CASE_024 = 'error'
try:
    CASE_025 = tomllib.loads('d = 1979-05-27')
except tomllib.TOMLDecodeError:
    CASE_025 = 'error'
try:
    CASE_026 = tomllib.loads('dt = 1979-05-27T07:32:00Z')
except tomllib.TOMLDecodeError:
    CASE_026 = 'error'
try:
    CASE_027 = tomllib.loads('t = 07:32:00')
except tomllib.TOMLDecodeError:
    CASE_027 = 'error'
try:
    CASE_028 = tomllib.loads('arr = [1, 2, 3,]')
except tomllib.TOMLDecodeError:
    CASE_028 = 'error'
try:
    CASE_029 = tomllib.loads('mixed = [1, "a", [2]]')
except tomllib.TOMLDecodeError:
    CASE_029 = 'error'
try:
    CASE_030 = tomllib.loads('e = "tab\\there \\u00e9 \\U0001F600"')
except tomllib.TOMLDecodeError:
    CASE_030 = 'error'
try:
    CASE_031 = tomllib.loads('esc_e = "\\e"')
except tomllib.TOMLDecodeError:
    CASE_031 = 'error'
try:
    CASE_032 = tomllib.loads('esc_x = "\\x41"')
except tomllib.TOMLDecodeError:
    CASE_032 = 'error'
try:
    CASE_033 = tomllib.loads('nl_inline = { a = 1,\n b = 2 }')
except tomllib.TOMLDecodeError:
    CASE_033 = 'error'
try:
    CASE_034 = tomllib.loads('trail_inline = { a = 1, }')
except tomllib.TOMLDecodeError:
    CASE_034 = 'error'
try:
    CASE_035 = tomllib.loads('t_noseconds = 07:32')
except tomllib.TOMLDecodeError:
    CASE_035 = 'error'
try:
    CASE_036 = tomllib.loads('dup = 1\ndup = 2')
except tomllib.TOMLDecodeError:
    CASE_036 = 'error'
try:
    CASE_037 = tomllib.loads('[t]\nx=1\n[t]\ny=2')
except tomllib.TOMLDecodeError:
    CASE_037 = 'error'
try:
    CASE_038 = tomllib.loads('x = 0x')
except tomllib.TOMLDecodeError:
    CASE_038 = 'error'
try:
    CASE_039 = tomllib.loads('lead0 = 012')
except tomllib.TOMLDecodeError:
    CASE_039 = 'error'
try:
    CASE_040 = tomllib.loads('u = 1__0')
except tomllib.TOMLDecodeError:
    CASE_040 = 'error'
try:
    CASE_041 = tomllib.loads('k = "a\\u0000b"')
except tomllib.TOMLDecodeError:
    CASE_041 = 'error'
try:
    CASE_042 = tomllib.loads('ws = "\\ "')
except tomllib.TOMLDecodeError:
    CASE_042 = 'error'
try:
    CASE_043 = tomllib.loads('"" = 1')
except tomllib.TOMLDecodeError:
    CASE_043 = 'error'
try:
    CASE_044 = tomllib.loads("'lit.key' = 2")
except tomllib.TOMLDecodeError:
    CASE_044 = 'error'
try:
    CASE_045 = tomllib.loads('a = """\\\n\n  x"""')
except tomllib.TOMLDecodeError:
    CASE_045 = 'error'
try:
    CASE_046 = tomllib.loads('q = """a""""')
except tomllib.TOMLDecodeError:
    CASE_046 = 'error'
try:
    CASE_047 = tomllib.loads('q2 = """a"""""')
except tomllib.TOMLDecodeError:
    CASE_047 = 'error'
try:
    CASE_048 = tomllib.loads('z = 00')
except tomllib.TOMLDecodeError:
    CASE_048 = 'error'
try:
    CASE_049 = tomllib.loads('plus0 = +0')
except tomllib.TOMLDecodeError:
    CASE_049 = 'error'
try:
    CASE_050 = tomllib.loads('minus0 = -0')
except tomllib.TOMLDecodeError:
    CASE_050 = 'error'
try:
    CASE_051 = tomllib.loads('fe = 1.e5')
except tomllib.TOMLDecodeError:
    CASE_051 = 'error'
try:
    CASE_052 = tomllib.loads('fd = .5')
except tomllib.TOMLDecodeError:
    CASE_052 = 'error'
try:
    CASE_053 = tomllib.loads('cr = "a\rb"')
except tomllib.TOMLDecodeError:
    CASE_053 = 'error'
try:
    CASE_054 = tomllib.loads('bom = 1')
except tomllib.TOMLDecodeError:
    CASE_054 = 'error'
try:
    CASE_055 = tomllib.loads('tab = "a\tb"')
except tomllib.TOMLDecodeError:
    CASE_055 = 'error'
try:
    CASE_056 = tomllib.loads('ctrl = "a\x7fb"')
except tomllib.TOMLDecodeError:
    CASE_056 = 'error'
try:
    CASE_057 = tomllib.loads('dt2 = 1979-05-27 07:32:00')
except tomllib.TOMLDecodeError:
    CASE_057 = 'error'
try:
    CASE_058 = tomllib.loads('x = 1 # comment')
except tomllib.TOMLDecodeError:
    CASE_058 = 'error'
try:
    CASE_059 = tomllib.loads('x = true')
except tomllib.TOMLDecodeError:
    CASE_059 = 'error'
try:
    CASE_060 = tomllib.loads('x = True')
except tomllib.TOMLDecodeError:
    CASE_060 = 'error'
try:
    CASE_061 = tomllib.loads('[[a]]\nb=1\n[a.c]\nd=2')
except tomllib.TOMLDecodeError:
    CASE_061 = 'error'
try:
    CASE_062 = tomllib.loads('a = {b = 1}\na.c = 2')
except tomllib.TOMLDecodeError:
    CASE_062 = 'error'
try:
    CASE_063 = tomllib.loads('[a]\nb.c = 1\n[a.b]\nd = 2')
except tomllib.TOMLDecodeError:
    CASE_063 = 'error'
try:
    CASE_064 = tomllib.loads('k = "\\U0010FFFF"')
except tomllib.TOMLDecodeError:
    CASE_064 = 'error'
try:
    CASE_065 = tomllib.loads('k = "\\uD800"')
except tomllib.TOMLDecodeError:
    CASE_065 = 'error'
try:
    CASE_066 = tomllib.loads('x = 1\r\ny = 2')
except tomllib.TOMLDecodeError:
    CASE_066 = 'error'
try:
    CASE_067 = tomllib.loads('x = "a"\r\n')
except tomllib.TOMLDecodeError:
    CASE_067 = 'error'
