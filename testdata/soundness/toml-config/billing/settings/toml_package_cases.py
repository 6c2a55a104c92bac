"""TOML documents read with the `toml` package, one per setting: dotted keys, inline tables,
multi-line strings, numbers in every form, dates, TOML 1.1 features and invalid documents
('error'). What djsafe knows of each is checked against Python."""
from .production import *  # noqa: F401,F403
import toml
try:
    CASE_000 = toml.loads('a.b.c = 1')
except Exception:
    CASE_000 = 'error'
try:
    CASE_001 = toml.loads('site."quoted.key" = "v"')
except Exception:
    CASE_001 = 'error'
try:
    CASE_002 = toml.loads('inline = { x = 1, y = { z = "deep" } }')
except Exception:
    CASE_002 = 'error'
try:
    CASE_003 = toml.loads('ml = """\nfirst\n  second \\\n  continued"""')
except Exception:
    CASE_003 = 'error'
try:
    CASE_004 = toml.loads("lit = '''\nraw \\n here'''")
except Exception:
    CASE_004 = 'error'
try:
    CASE_005 = toml.loads('n = 1_000_000')
except Exception:
    CASE_005 = 'error'
try:
    CASE_006 = toml.loads('h = 0xDEAD_beef')
except Exception:
    CASE_006 = 'error'
try:
    CASE_007 = toml.loads('o = 0o755')
except Exception:
    CASE_007 = 'error'
try:
    CASE_008 = toml.loads('b = 0b1101')
except Exception:
    CASE_008 = 'error'
try:
    CASE_009 = toml.loads('neg = -17')
except Exception:
    CASE_009 = 'error'
try:
    CASE_010 = toml.loads('pos = +17')
except Exception:
    CASE_010 = 'error'
try:
    CASE_011 = toml.loads('i = inf')
except Exception:
    CASE_011 = 'error'
try:
    CASE_012 = toml.loads('ni = -inf')
except Exception:
    CASE_012 = 'error'
try:
    CASE_013 = toml.loads('pi = +inf')
except Exception:
    CASE_013 = 'error'
try:
    CASE_014 = toml.loads('nan = nan')
except Exception:
    CASE_014 = 'error'
try:
    CASE_015 = toml.loads('f = 6.626e-34')
except Exception:
    CASE_015 = 'error'
try:
    CASE_016 = toml.loads('big = 1e1000')
except Exception:
    CASE_016 = 'error'
try:
    CASE_017 = toml.loads('f3 = 0.1')
except Exception:
    CASE_017 = 'error'
try:
    CASE_018 = toml.loads('f4 = 1e2')
except Exception:
    CASE_018 = 'error'
try:
    CASE_019 = toml.loads('f5 = -0.0')
except Exception:
    CASE_019 = 'error'
try:
    CASE_020 = toml.loads('f6 = 3.14159_26')
except Exception:
    CASE_020 = 'error'
try:
    CASE_021 = toml.loads('f7 = 1E+5')
except Exception:
    CASE_021 = 'error'
try:
    CASE_022 = toml.loads('huge = 99999999999999999999')
except Exception:
    CASE_022 = 'error'
try:
    CASE_023 = toml.loads('min = -9223372036854775808')
except Exception:
    CASE_023 = 'error'
try:
    CASE_024 = toml.loads('max = 9223372036854775807')
except Exception:
    CASE_024 = 'error'
try:
    CASE_025 = toml.loads('d = 1979-05-27')
except Exception:
    CASE_025 = 'error'
try:
    CASE_026 = toml.loads('dt = 1979-05-27T07:32:00Z')
except Exception:
    CASE_026 = 'error'
try:
    CASE_027 = toml.loads('t = 07:32:00')
except Exception:
    CASE_027 = 'error'
try:
    CASE_028 = toml.loads('arr = [1, 2, 3,]')
except Exception:
    CASE_028 = 'error'
try:
    CASE_029 = toml.loads('mixed = [1, "a", [2]]')
except Exception:
    CASE_029 = 'error'
try:
    CASE_030 = toml.loads('e = "tab\\there \\u00e9 \\U0001F600"')
except Exception:
    CASE_030 = 'error'
try:
    CASE_031 = toml.loads('esc_e = "\\e"')
except Exception:
    CASE_031 = 'error'
try:
    CASE_032 = toml.loads('esc_x = "\\x41"')
except Exception:
    CASE_032 = 'error'
try:
    CASE_033 = toml.loads('nl_inline = { a = 1,\n b = 2 }')
except Exception:
    CASE_033 = 'error'
try:
    CASE_034 = toml.loads('trail_inline = { a = 1, }')
except Exception:
    CASE_034 = 'error'
try:
    CASE_035 = toml.loads('t_noseconds = 07:32')
except Exception:
    CASE_035 = 'error'
try:
    CASE_036 = toml.loads('dup = 1\ndup = 2')
except Exception:
    CASE_036 = 'error'
try:
    CASE_037 = toml.loads('[t]\nx=1\n[t]\ny=2')
except Exception:
    CASE_037 = 'error'
try:
    CASE_038 = toml.loads('x = 0x')
except Exception:
    CASE_038 = 'error'
try:
    CASE_039 = toml.loads('lead0 = 012')
except Exception:
    CASE_039 = 'error'
try:
    CASE_040 = toml.loads('u = 1__0')
except Exception:
    CASE_040 = 'error'
try:
    CASE_041 = toml.loads('k = "a\\u0000b"')
except Exception:
    CASE_041 = 'error'
try:
    CASE_042 = toml.loads('ws = "\\ "')
except Exception:
    CASE_042 = 'error'
try:
    CASE_043 = toml.loads('"" = 1')
except Exception:
    CASE_043 = 'error'
try:
    CASE_044 = toml.loads("'lit.key' = 2")
except Exception:
    CASE_044 = 'error'
try:
    CASE_045 = toml.loads('a = """\\\n\n  x"""')
except Exception:
    CASE_045 = 'error'
try:
    CASE_046 = toml.loads('q = """a""""')
except Exception:
    CASE_046 = 'error'
try:
    CASE_047 = toml.loads('q2 = """a"""""')
except Exception:
    CASE_047 = 'error'
try:
    CASE_048 = toml.loads('z = 00')
except Exception:
    CASE_048 = 'error'
try:
    CASE_049 = toml.loads('plus0 = +0')
except Exception:
    CASE_049 = 'error'
try:
    CASE_050 = toml.loads('minus0 = -0')
except Exception:
    CASE_050 = 'error'
try:
    CASE_051 = toml.loads('fe = 1.e5')
except Exception:
    CASE_051 = 'error'
try:
    CASE_052 = toml.loads('fd = .5')
except Exception:
    CASE_052 = 'error'
try:
    CASE_053 = toml.loads('cr = "a\rb"')
except Exception:
    CASE_053 = 'error'
try:
    CASE_054 = toml.loads('bom = 1')
except Exception:
    CASE_054 = 'error'
try:
    CASE_055 = toml.loads('tab = "a\tb"')
except Exception:
    CASE_055 = 'error'
try:
    CASE_056 = toml.loads('ctrl = "a\x7fb"')
except Exception:
    CASE_056 = 'error'
try:
    CASE_057 = toml.loads('dt2 = 1979-05-27 07:32:00')
except Exception:
    CASE_057 = 'error'
try:
    CASE_058 = toml.loads('x = 1 # comment')
except Exception:
    CASE_058 = 'error'
try:
    CASE_059 = toml.loads('x = true')
except Exception:
    CASE_059 = 'error'
try:
    CASE_060 = toml.loads('x = True')
except Exception:
    CASE_060 = 'error'
try:
    CASE_061 = toml.loads('[[a]]\nb=1\n[a.c]\nd=2')
except Exception:
    CASE_061 = 'error'
try:
    CASE_062 = toml.loads('a = {b = 1}\na.c = 2')
except Exception:
    CASE_062 = 'error'
try:
    CASE_063 = toml.loads('[a]\nb.c = 1\n[a.b]\nd = 2')
except Exception:
    CASE_063 = 'error'
try:
    CASE_064 = toml.loads('k = "\\U0010FFFF"')
except Exception:
    CASE_064 = 'error'
try:
    CASE_065 = toml.loads('k = "\\uD800"')
except Exception:
    CASE_065 = 'error'
try:
    CASE_066 = toml.loads('x = 1\r\ny = 2')
except Exception:
    CASE_066 = 'error'
try:
    CASE_067 = toml.loads('x = "a"\r\n')
except Exception:
    CASE_067 = 'error'
