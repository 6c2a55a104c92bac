//! Nested functions reading their enclosing functions' variables (issue 10, round 5):
//! decorators with arguments registering what they decorate, factories, class decorators,
//! `functools.wraps`, closures over state that changes, late binding, and a function called
//! from another that has a local of the same name as the global it reads. The lines end the
//! settings module; the helpers' own names start with `_`.

use super::{Rng, python_str};

const WORDS: &[&str] = &["billing", "search", "audit", "media", "api", "mail"];

pub fn generate(rng: &mut Rng) -> String {
    let mut out = String::from("\nimport functools\n\n_prefix = 'global-'\nCLOSURE_REG = []\n");
    let word = |rng: &mut Rng| python_str(rng.pick(WORDS));
    for shape in 0..2 + rng.below(4) {
        let text = match rng.below(11) {
            0 => format!(
                "\n\ndef _register{shape}(_prefix):\n    def wrap(func):\n        CLOSURE_REG.append(_prefix + func.__name__)\n        return func\n    return wrap\n\n\n@_register{shape}({})\ndef _view{shape}():\n    return 1\n\n\nCLOSURE_VIEW{shape} = _view{shape}()\n",
                python_str(&format!("{}-", rng.pick(WORDS)))
            ),
            1 => format!(
                "\n\ndef _make{shape}(n):\n    def inner():\n        return n * 60\n    return inner\n\n\nCLOSURE_MINUTES{shape} = _make{shape}({})()\n",
                1 + rng.below(9)
            ),
            2 => format!(
                "\n\ndef _make{shape}(n):\n    total = n + 1\n    def inner():\n        return total\n    return inner\n\n\nCLOSURE_TOTAL{shape} = _make{shape}({})()\n",
                rng.below(9)
            ),
            3 => format!(
                "\n\ndef _base{shape}():\n    return _prefix + 'x'\n\n\ndef _site{shape}():\n    _prefix = {}\n    return _base{shape}()\n\n\nCLOSURE_SITE{shape} = _site{shape}()\n",
                word(rng)
            ),
            4 => format!(
                "\n\ndef _logged{shape}(func):\n    @functools.wraps(func)\n    def inner(*args):\n        return func(*args)\n    return inner\n\n\n@_logged{shape}\ndef _named{shape}(x):\n    return x\n\n\nCLOSURE_NAME{shape} = _named{shape}.__name__\nCLOSURE_VALUE{shape} = _named{shape}({})\n",
                word(rng)
            ),
            5 => format!(
                "\n\ndef _with{shape}(level):\n    def apply(cls):\n        cls.LEVEL = level\n        return cls\n    return apply\n\n\n@_with{shape}('DEBUG')\nclass _Conf{shape}:\n    LEVEL = 'INFO'\n\n\nCLOSURE_LEVEL{shape} = _Conf{shape}.LEVEL\n"
            ),
            6 => format!(
                "\n\ndef _counter{shape}():\n    calls = []\n    def bump():\n        calls.append(1)\n        return len(calls)\n    return bump\n\n\n_bump{shape} = _counter{shape}()\n_bump{shape}()\nCLOSURE_COUNT{shape} = _bump{shape}()\n"
            ),
            7 => format!(
                "\n\ndef _late{shape}():\n    def inner():\n        return value\n    value = {}\n    return inner\n\n\nCLOSURE_LATE{shape} = _late{shape}()()\n",
                word(rng)
            ),
            8 => format!(
                "\n\ndef _rebind{shape}(p):\n    p = p + '!'\n    def inner():\n        return p\n    return inner\n\n\nCLOSURE_REBOUND{shape} = _rebind{shape}({})()\n",
                word(rng)
            ),
            9 => format!(
                "\n\ndef _outer{shape}(a):\n    def mid(b):\n        def inner():\n            return a + b\n        return inner\n    return mid\n\n\nCLOSURE_AB{shape} = _outer{shape}({})({})()\n",
                word(rng),
                word(rng)
            ),
            _ => format!(
                "\n\ndef _collector{shape}(bucket):\n    def add(x):\n        bucket.append(x)\n        return x\n    return add\n\n\nCLOSURE_BUCKET{shape} = []\n_add{shape} = _collector{shape}(CLOSURE_BUCKET{shape})\n_add{shape}({})\n",
                word(rng)
            ),
        };
        out.push_str(&text);
    }
    out
}
