//! Issue 10, round 6: writes that may rebind any name, classmethods and plugins found by name.
//! Mappings built from `os.environ` written into the namespace (`globals().update(...)`,
//! `globals()[k] = v` in a helper's loop, `vars()[k]` in a loop, `setattr` on the module in a
//! loop, `globals().update(dict(os.environ))`), each after reading a variable whose name the
//! write strips to one of the names it defines, so the harness sets it; classes set up by
//! `@classmethod`s, called through a subclass, under a condition, or through an instance's
//! method; nested functions reading parameters and locals two functions out; plugin modules
//! imported with `importlib.import_module` (a literal, a formatted or a built name) or
//! `__import__` that change a registry
//! when imported, `del` through a module handle, and a sweep over `sys.modules`. The lines end
//! the settings module; the helpers' own names start with `_`.

use super::{Rng, python_str};

const WORDS: &[&str] = &["billing", "search", "audit", "media", "api", "mail"];

/// The files it adds and the lines that end the settings module.
pub fn generate(rng: &mut Rng) -> (Vec<(String, String)>, String) {
    let mut files = Vec::new();
    let mut out = String::from("\nimport importlib\nimport os\nimport sys\n");
    for shape in 0..1 + rng.below(3) {
        // A write that may rebind any name makes what came before it unknown: rarer than the
        // others, so the packages keep values to compare.
        let text = match rng.below(10) {
            0..=1 => environ_write(rng, shape),
            2..=3 => class_setup(rng, shape),
            4 => instance_setup(rng, shape),
            5..=6 => closure(rng, shape),
            _ => plugins(rng, shape, &mut files),
        };
        out.push_str(&text);
    }
    (files, out)
}

/// Names defined, then a variable read whose name the write maps to one of them, then a write
/// of a mapping from `os.environ` into the namespace.
fn environ_write(rng: &mut Rng, shape: usize) -> String {
    let flag = format!("R6_FLAG{shape}");
    let level = format!("R6_LEVEL{shape}");
    let mut out = format!(
        "\n{flag} = {}\n{level} = {}\nR6_HOSTS{shape} = ['{}.example.com']\n",
        if rng.chance(50) { "True" } else { "False" },
        python_str(rng.pick(&["DEBUG", "INFO", "WARNING"])),
        rng.pick(WORDS)
    );
    let target = rng.pick(&[flag.clone(), level.clone()]);
    let write = match rng.below(5) {
        0 => {
            out.push_str(&format!("_r6_seen{shape} = os.getenv('OVR_{target}')\n"));
            "globals().update({k[len('OVR_'):]: v for k, v in os.environ.items() if k.startswith('OVR_')})\n".to_string()
        }
        1 => {
            out.push_str(&format!("_r6_seen{shape} = os.getenv('OVR_{target}')\n"));
            format!(
                "\n\ndef _r6_load{shape}(prefix='OVR_'):\n    for key, value in os.environ.items():\n        if key.startswith(prefix):\n            globals()[key[len(prefix):]] = value\n\n\n_r6_load{shape}()\n"
            )
        }
        2 => {
            out.push_str(&format!("_r6_seen{shape} = os.getenv('OVR_{target}')\n"));
            "for _r6_key in list(os.environ):\n    if _r6_key.startswith('OVR_'):\n        vars()[_r6_key[len('OVR_'):]] = os.environ[_r6_key]\n".to_string()
        }
        3 => {
            out.push_str(&format!("_r6_seen{shape} = os.getenv('OVR_{target}')\n"));
            "for _r6_key, _r6_value in os.environ.items():\n    if _r6_key.startswith('OVR_'):\n        setattr(sys.modules[__name__], _r6_key[len('OVR_'):], _r6_value)\n".to_string()
        }
        _ => {
            out.push_str(&format!("_r6_seen{shape} = os.getenv('{target}')\n"));
            "globals().update(dict(os.environ))\n".to_string()
        }
    };
    out.push_str(&write);
    out.push_str(&format!("R6_AFTER{shape} = {target}\n"));
    out
}

/// A class hierarchy set up by classmethods, called (or not) through a subclass.
fn class_setup(rng: &mut Rng, shape: usize) -> String {
    let word = rng.pick(WORDS);
    let mut out = format!(
        "\n\nclass _R6Base{shape}:\n    NAME = '{word}'\n    DEBUG = False\n    APPS = ['proj.core']\n\n    @classmethod\n    def host(cls):\n        return cls.NAME + '.example.com'\n\n    @classmethod\n    def setup(cls):\n        cls.APPS = cls.APPS + ['proj.' + cls.NAME]\n\n\nclass _R6Sub{shape}(_R6Base{shape}):\n    NAME = '{}'\n\n    @classmethod\n    def setup(cls):\n        cls.DEBUG = True\n        super().setup()\n\n\n",
        rng.pick(WORDS)
    );
    out.push_str(&match rng.below(4) {
        0 => format!("_R6Sub{shape}.setup()\n"),
        1 => format!("_R6Base{shape}.setup()\n"),
        2 => format!("if os.getenv('R6_SETUP{shape}'):\n    _R6Base{shape}.setup()\n"),
        _ => String::new(),
    });
    out.push_str(&format!(
        "R6_SUB_APPS{shape} = _R6Sub{shape}.APPS\nR6_BASE_APPS{shape} = _R6Base{shape}.APPS\nR6_SUB_DEBUG{shape} = _R6Sub{shape}.DEBUG\nR6_SUB_HOST{shape} = _R6Sub{shape}.host()\nR6_BASE_HOST{shape} = _R6Base{shape}.host()\n"
    ));
    out
}

/// A classmethod called through `self` from an instance's method.
fn instance_setup(rng: &mut Rng, shape: usize) -> String {
    let mut out = format!(
        "\n\nclass _R6Conf{shape}:\n    LEVEL = 'INFO'\n\n    def enable(self):\n        self.raise_level()\n        return self.LEVEL\n\n    @classmethod\n    def raise_level(cls):\n        cls.LEVEL = {}\n\n\n",
        python_str(rng.pick(&["DEBUG", "WARNING"]))
    );
    if rng.chance(70) {
        out.push_str(&format!("R6_ENABLED{shape} = _R6Conf{shape}().enable()\n"));
    }
    out.push_str(&format!("R6_CONF_LEVEL{shape} = _R6Conf{shape}.LEVEL\n"));
    out
}

/// Nested functions reading parameters (and a local) two functions out.
fn closure(rng: &mut Rng, shape: usize) -> String {
    let word = python_str(rng.pick(WORDS));
    match rng.below(3) {
        0 => format!(
            "\n\ndef _r6_outer{shape}(site, version='v2'):\n    def mid():\n        def inner():\n            return site + ':' + version\n        return inner\n    return mid()()\n\n\nR6_PREFIX{shape} = _r6_outer{shape}({word})\n"
        ),
        1 => format!(
            "\n\ndef _r6_outer{shape}(site):\n    sep = '-'\n    def mid():\n        def inner():\n            return site + sep\n        return inner\n    return mid()()\n\n\nR6_PREFIX{shape} = _r6_outer{shape}({word})\n"
        ),
        _ => format!(
            "\n\ndef _r6_outer{shape}(items):\n    def mid(extra):\n        def inner():\n            items.append(extra)\n            return len(items)\n        return inner\n    return mid\n\n\nR6_ITEMS{shape} = ['a']\nR6_COUNT{shape} = _r6_outer{shape}(R6_ITEMS{shape})({word})()\n"
        ),
    }
}

/// A registry, plugins changing it when imported by name, and the settings reading it.
fn plugins(rng: &mut Rng, shape: usize, files: &mut Vec<(String, String)>) -> String {
    let registry = format!("proj/r6_registry{shape}.py");
    files.push((
        registry,
        "PLUGIN_APPS = ['proj.core']\nLOG_LEVEL = 'INFO'\nLEGACY = 'legacy'\n".to_string(),
    ));
    let mut out = format!("\nfrom proj.r6_registry{shape} import PLUGIN_APPS as _r6_apps{shape}\n");
    for plugin in 0..1 + rng.below(2) {
        let module = format!("r6_plugin{shape}_{plugin}");
        let change = match rng.below(3) {
            0 => format!("registry.PLUGIN_APPS.append('proj.{}')\n", rng.pick(WORDS)),
            1 => format!(
                "registry.LOG_LEVEL = {}\n",
                python_str(rng.pick(&["DEBUG", "WARNING"]))
            ),
            _ => "del registry.LEGACY\n".to_string(),
        };
        files.push((
            format!("proj/{module}.py"),
            format!("from proj import r6_registry{shape} as registry\n{change}"),
        ));
        out.push_str(&match rng.below(5) {
            0 => format!("importlib.import_module('proj.{module}')\n"),
            1 => format!("importlib.import_module('proj.' + '{module}')\n"),
            2 => {
                format!("_r6_which = '{module}'\nimportlib.import_module(f'proj.{{_r6_which}}')\n")
            }
            // A name djsafe cannot tell from the text: the module is not loaded.
            3 => format!("_r6_name = 'proj.' + '{module}'\nimportlib.import_module(_r6_name)\n"),
            _ => format!("__import__('proj.{module}')\n"),
        });
    }
    out.push_str(&match rng.below(3) {
        0 => format!(
            "_r6_handle{shape} = importlib.import_module('proj.r6_registry{shape}')\ndel _r6_handle{shape}.LOG_LEVEL\n"
        ),
        1 => format!(
            "for _r6_name, _r6_module in list(sys.modules.items()):\n    if _r6_name == 'proj.r6_registry{shape}':\n        _r6_module.LOG_LEVEL = 'ERROR'\n"
        ),
        _ => String::new(),
    });
    out.push_str(&format!(
        "import proj.r6_registry{shape} as _r6_registry{shape}  # noqa: E402\nR6_PLUGIN_APPS{shape} = list(_r6_apps{shape})\nR6_LOG_LEVEL{shape} = getattr(_r6_registry{shape}, 'LOG_LEVEL', 'gone')\nR6_LEGACY{shape} = getattr(_r6_registry{shape}, 'LEGACY', 'gone')\n"
    ));
    out
}
