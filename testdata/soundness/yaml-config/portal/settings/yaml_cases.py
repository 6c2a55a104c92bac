"""Plain scalars, quoting, block scalars, flow collections and the documents PyYAML rejects, each
loaded from a string with yaml.safe_load: what djsafe knows of each is checked against PyYAML."""
from .production import *  # noqa: F401,F403
import yaml
try:
    CASE_000 = yaml.safe_load('a: yes')
except Exception:
    CASE_000 = 'error'
try:
    CASE_001 = yaml.safe_load('a: Yes')
except Exception:
    CASE_001 = 'error'
try:
    CASE_002 = yaml.safe_load('a: YES')
except Exception:
    CASE_002 = 'error'
try:
    CASE_003 = yaml.safe_load('a: yEs')
except Exception:
    CASE_003 = 'error'
try:
    CASE_004 = yaml.safe_load('a: y')
except Exception:
    CASE_004 = 'error'
try:
    CASE_005 = yaml.safe_load('a: n')
except Exception:
    CASE_005 = 'error'
try:
    CASE_006 = yaml.safe_load('a: on')
except Exception:
    CASE_006 = 'error'
try:
    CASE_007 = yaml.safe_load('a: Off')
except Exception:
    CASE_007 = 'error'
try:
    CASE_008 = yaml.safe_load('a: true')
except Exception:
    CASE_008 = 'error'
try:
    CASE_009 = yaml.safe_load('a: tRue')
except Exception:
    CASE_009 = 'error'
try:
    CASE_010 = yaml.safe_load('a: ~')
except Exception:
    CASE_010 = 'error'
try:
    CASE_011 = yaml.safe_load('a: null')
except Exception:
    CASE_011 = 'error'
try:
    CASE_012 = yaml.safe_load('a: NULL')
except Exception:
    CASE_012 = 'error'
try:
    CASE_013 = yaml.safe_load('a: nUll')
except Exception:
    CASE_013 = 'error'
try:
    CASE_014 = yaml.safe_load('a:')
except Exception:
    CASE_014 = 'error'
try:
    CASE_015 = yaml.safe_load('')
except Exception:
    CASE_015 = 'error'
try:
    CASE_016 = yaml.safe_load('a: 0')
except Exception:
    CASE_016 = 'error'
try:
    CASE_017 = yaml.safe_load('a: 00')
except Exception:
    CASE_017 = 'error'
try:
    CASE_018 = yaml.safe_load('a: 0_0')
except Exception:
    CASE_018 = 'error'
try:
    CASE_019 = yaml.safe_load('a: 012')
except Exception:
    CASE_019 = 'error'
try:
    CASE_020 = yaml.safe_load('a: 09')
except Exception:
    CASE_020 = 'error'
try:
    CASE_021 = yaml.safe_load('a: 0o12')
except Exception:
    CASE_021 = 'error'
try:
    CASE_022 = yaml.safe_load('a: 0x1F')
except Exception:
    CASE_022 = 'error'
try:
    CASE_023 = yaml.safe_load('a: 0X1F')
except Exception:
    CASE_023 = 'error'
try:
    CASE_024 = yaml.safe_load('a: 0b11')
except Exception:
    CASE_024 = 'error'
try:
    CASE_025 = yaml.safe_load('a: 0b_')
except Exception:
    CASE_025 = 'error'
try:
    CASE_026 = yaml.safe_load('a: 1_000')
except Exception:
    CASE_026 = 'error'
try:
    CASE_027 = yaml.safe_load('a: -0')
except Exception:
    CASE_027 = 'error'
try:
    CASE_028 = yaml.safe_load('a: +12')
except Exception:
    CASE_028 = 'error'
try:
    CASE_029 = yaml.safe_load('a: -0x10')
except Exception:
    CASE_029 = 'error'
try:
    CASE_030 = yaml.safe_load('a: 1:30')
except Exception:
    CASE_030 = 'error'
try:
    CASE_031 = yaml.safe_load('a: 190:20:30')
except Exception:
    CASE_031 = 'error'
try:
    CASE_032 = yaml.safe_load('a: 1.5')
except Exception:
    CASE_032 = 'error'
try:
    CASE_033 = yaml.safe_load('a: 1.')
except Exception:
    CASE_033 = 'error'
try:
    CASE_034 = yaml.safe_load('a: .5')
except Exception:
    CASE_034 = 'error'
try:
    CASE_035 = yaml.safe_load('a: 1e3')
except Exception:
    CASE_035 = 'error'
try:
    CASE_036 = yaml.safe_load('a: 1.0e+3')
except Exception:
    CASE_036 = 'error'
try:
    CASE_037 = yaml.safe_load('a: .inf')
except Exception:
    CASE_037 = 'error'
try:
    CASE_038 = yaml.safe_load('a: -.Inf')
except Exception:
    CASE_038 = 'error'
try:
    CASE_039 = yaml.safe_load('a: .NaN')
except Exception:
    CASE_039 = 'error'
try:
    CASE_040 = yaml.safe_load('a: 1_0.5')
except Exception:
    CASE_040 = 'error'
try:
    CASE_041 = yaml.safe_load('a: 2024-01-02')
except Exception:
    CASE_041 = 'error'
try:
    CASE_042 = yaml.safe_load('a: 2024-1-2')
except Exception:
    CASE_042 = 'error'
try:
    CASE_043 = yaml.safe_load('a: 12345678901234567890')
except Exception:
    CASE_043 = 'error'
try:
    CASE_044 = yaml.safe_load('a: -')
except Exception:
    CASE_044 = 'error'
try:
    CASE_045 = yaml.safe_load('a: -foo')
except Exception:
    CASE_045 = 'error'
try:
    CASE_046 = yaml.safe_load('a: +')
except Exception:
    CASE_046 = 'error'
try:
    CASE_047 = yaml.safe_load('a: .')
except Exception:
    CASE_047 = 'error'
try:
    CASE_048 = yaml.safe_load('a: ..')
except Exception:
    CASE_048 = 'error'
try:
    CASE_049 = yaml.safe_load('a: 1.2.3')
except Exception:
    CASE_049 = 'error'
try:
    CASE_050 = yaml.safe_load('a: 1,000')
except Exception:
    CASE_050 = 'error'
try:
    CASE_051 = yaml.safe_load("a: '1'")
except Exception:
    CASE_051 = 'error'
try:
    CASE_052 = yaml.safe_load('a: "yes"')
except Exception:
    CASE_052 = 'error'
try:
    CASE_053 = yaml.safe_load("a: 'it''s'")
except Exception:
    CASE_053 = 'error'
try:
    CASE_054 = yaml.safe_load('a: <<')
except Exception:
    CASE_054 = 'error'
try:
    CASE_055 = yaml.safe_load('a: =')
except Exception:
    CASE_055 = 'error'
try:
    CASE_056 = yaml.safe_load('- a\n- b')
except Exception:
    CASE_056 = 'error'
try:
    CASE_057 = yaml.safe_load('[1, two, "3"]')
except Exception:
    CASE_057 = 'error'
try:
    CASE_058 = yaml.safe_load('{a: 1, b: [x, y]}')
except Exception:
    CASE_058 = 'error'
try:
    CASE_059 = yaml.safe_load('a: |\n  one\n  two\n')
except Exception:
    CASE_059 = 'error'
try:
    CASE_060 = yaml.safe_load('a: >\n  one\n  two\n')
except Exception:
    CASE_060 = 'error'
try:
    CASE_061 = yaml.safe_load('a: |-\n  one\n')
except Exception:
    CASE_061 = 'error'
try:
    CASE_062 = yaml.safe_load('a: >+\n  one\n\n')
except Exception:
    CASE_062 = 'error'
try:
    CASE_063 = yaml.safe_load('a: one\n  two')
except Exception:
    CASE_063 = 'error'
try:
    CASE_064 = yaml.safe_load("a: 'one\n  two'")
except Exception:
    CASE_064 = 'error'
try:
    CASE_065 = yaml.safe_load('a: b: c')
except Exception:
    CASE_065 = 'error'
try:
    CASE_066 = yaml.safe_load('a: [1, 2')
except Exception:
    CASE_066 = 'error'
try:
    CASE_067 = yaml.safe_load('1: a')
except Exception:
    CASE_067 = 'error'
try:
    CASE_068 = yaml.safe_load('true: a')
except Exception:
    CASE_068 = 'error'
try:
    CASE_069 = yaml.safe_load('null: a')
except Exception:
    CASE_069 = 'error'
try:
    CASE_070 = yaml.safe_load('a: x\na: y')
except Exception:
    CASE_070 = 'error'
try:
    CASE_071 = yaml.safe_load('a: x #c')
except Exception:
    CASE_071 = 'error'
try:
    CASE_072 = yaml.safe_load('a: x#c')
except Exception:
    CASE_072 = 'error'
try:
    CASE_073 = yaml.safe_load('a: "x" ')
except Exception:
    CASE_073 = 'error'
try:
    CASE_074 = yaml.safe_load("a: ''")
except Exception:
    CASE_074 = 'error'
try:
    CASE_075 = yaml.safe_load('---\na: 1')
except Exception:
    CASE_075 = 'error'
try:
    CASE_076 = yaml.safe_load('---\na: 1\n---\nb: 2')
except Exception:
    CASE_076 = 'error'
try:
    CASE_077 = yaml.safe_load('a: 1\n...\n')
except Exception:
    CASE_077 = 'error'
try:
    CASE_078 = yaml.safe_load('a: &x 1\nb: *x')
except Exception:
    CASE_078 = 'error'
try:
    CASE_079 = yaml.safe_load('a: !!str 1')
except Exception:
    CASE_079 = 'error'
try:
    CASE_080 = yaml.safe_load('? a\n: b')
except Exception:
    CASE_080 = 'error'
try:
    CASE_081 = yaml.safe_load('- - a\n  - b\n- c')
except Exception:
    CASE_081 = 'error'
try:
    CASE_082 = yaml.safe_load('a:\n  - 1\n  -\n  - 3')
except Exception:
    CASE_082 = 'error'
try:
    CASE_083 = yaml.safe_load('a: {}')
except Exception:
    CASE_083 = 'error'
try:
    CASE_084 = yaml.safe_load('a: []')
except Exception:
    CASE_084 = 'error'
try:
    CASE_085 = yaml.safe_load('a: é')
except Exception:
    CASE_085 = 'error'
try:
    CASE_086 = yaml.safe_load('key with spaces: v')
except Exception:
    CASE_086 = 'error'
try:
    CASE_087 = yaml.safe_load('"quoted key": v')
except Exception:
    CASE_087 = 'error'
try:
    CASE_088 = yaml.safe_load('a: http://x.y/z?q=1')
except Exception:
    CASE_088 = 'error'
try:
    CASE_089 = yaml.safe_load('a: foo: bar')
except Exception:
    CASE_089 = 'error'
try:
    CASE_090 = yaml.safe_load('a: 0.1')
except Exception:
    CASE_090 = 'error'
try:
    CASE_091 = yaml.safe_load('a: 00.1')
except Exception:
    CASE_091 = 'error'
try:
    CASE_092 = yaml.safe_load('a: 1.50')
except Exception:
    CASE_092 = 'error'
try:
    CASE_093 = yaml.safe_load('a: 100.0')
except Exception:
    CASE_093 = 'error'
try:
    CASE_094 = yaml.safe_load('a: 3.14159265358979')
except Exception:
    CASE_094 = 'error'
try:
    CASE_095 = yaml.safe_load('a: -0.0')
except Exception:
    CASE_095 = 'error'
try:
    CASE_096 = yaml.safe_load('a: 0o')
except Exception:
    CASE_096 = 'error'
try:
    CASE_097 = yaml.safe_load('a: 0x')
except Exception:
    CASE_097 = 'error'
try:
    CASE_098 = yaml.safe_load('a: 08')
except Exception:
    CASE_098 = 'error'
try:
    CASE_099 = yaml.safe_load('a: 0_7')
except Exception:
    CASE_099 = 'error'
try:
    CASE_100 = yaml.safe_load('a: +0')
except Exception:
    CASE_100 = 'error'
try:
    CASE_101 = yaml.safe_load('a: 9223372036854775807')
except Exception:
    CASE_101 = 'error'
try:
    CASE_102 = yaml.safe_load('a: 9223372036854775808')
except Exception:
    CASE_102 = 'error'
try:
    CASE_103 = yaml.safe_load('a: ~x')
except Exception:
    CASE_103 = 'error'
try:
    CASE_104 = yaml.safe_load('a: nullx')
except Exception:
    CASE_104 = 'error'
try:
    CASE_105 = yaml.safe_load('a: yes please')
except Exception:
    CASE_105 = 'error'
try:
    CASE_106 = yaml.safe_load('a: Y')
except Exception:
    CASE_106 = 'error'
try:
    CASE_107 = yaml.safe_load('a: No.')
except Exception:
    CASE_107 = 'error'
try:
    CASE_108 = yaml.safe_load('x')
except Exception:
    CASE_108 = 'error'
try:
    CASE_109 = yaml.safe_load('- ')
except Exception:
    CASE_109 = 'error'
try:
    CASE_110 = yaml.safe_load('#only comment')
except Exception:
    CASE_110 = 'error'
try:
    CASE_111 = yaml.safe_load('a: [a, [b, {c: d}]]')
except Exception:
    CASE_111 = 'error'
try:
    CASE_112 = yaml.safe_load('a: {b: }')
except Exception:
    CASE_112 = 'error'
try:
    CASE_113 = yaml.safe_load('a: [,]')
except Exception:
    CASE_113 = 'error'
