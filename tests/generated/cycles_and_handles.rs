//! Import cycles through a third module and modules used as objects found by name (issue 10,
//! round 5). `proj/registry.py` defines lists and a level, then imports "hop" modules (plainly,
//! inside `try`/`except ImportError` or inside an `if`); each hop imports, directly or through
//! one more module, an "end" module that imports the registry back and changes it: in place,
//! through the module, through `importlib.import_module`, `sys.modules[...]` or `setattr`, and
//! at times through a module whose name depends on `sys.platform` (djsafe cannot tell which).
//! The settings take some of the registry's names (djsafe slices the registry to them), and may
//! change it or themselves through module handles, or copy it in with `vars()`.

use super::{Rng, python_str};

const WORDS: &[&str] = &["billing", "search", "audit", "media", "api", "mail"];
const LEVELS: &[&str] = &["DEBUG", "INFO", "WARNING", "ERROR"];

/// The files it adds and the lines that end the settings module.
pub fn generate(rng: &mut Rng) -> (Vec<(String, String)>, String) {
    let mut files = Vec::new();
    let app = |rng: &mut Rng| python_str(&format!("proj.{}", rng.pick(WORDS)));
    let host = |rng: &mut Rng| python_str(&format!("{}.example.com", rng.pick(WORDS)));
    let mut registry = String::from("\"\"\"What the plugins register themselves in.\"\"\"\n");
    registry.push_str(&format!("REG_APPS = [{}]\n", app(rng)));
    registry.push_str(&format!("REG_HOSTS = [{}]\n", host(rng)));
    registry.push_str(&format!("REG_LEVEL = {}\n", python_str(rng.pick(LEVELS))));
    let flag = rng.chance(50);
    registry.push_str(&format!(
        "REG_FLAG = {}\n",
        if flag { "True" } else { "False" }
    ));
    for hop in 0..1 + rng.below(3) {
        let import = match rng.below(4) {
            0 => format!("from proj import hop{hop}  # noqa: E402,F401\n"),
            1 => format!(
                "try:\n    from proj import hop{hop}  # noqa: F401\nexcept ImportError:\n    pass\n"
            ),
            2 => format!("if REG_FLAG:\n    import proj.hop{hop}  # noqa: F401\n"),
            _ => format!("if not REG_FLAG:\n    import proj.hop{hop}  # noqa: F401\n"),
        };
        registry.push_str(&import);
        let end = format!("end{hop}");
        if rng.chance(50) {
            files.push((
                format!("proj/hop{hop}.py"),
                format!("from proj import {end}  # noqa: F401\n"),
            ));
        } else {
            files.push((
                format!("proj/hop{hop}.py"),
                format!("import proj.mid{hop}  # noqa: F401\n"),
            ));
            files.push((
                format!("proj/mid{hop}.py"),
                format!("from proj import {end}  # noqa: F401\n"),
            ));
        }
        files.push((format!("proj/{end}.py"), change(rng)));
    }
    files.push(("proj/registry.py".to_string(), registry));

    let mut settings = String::from("\nimport importlib\nimport sys\n\n");
    let names = ["REG_APPS", "REG_HOSTS", "REG_LEVEL"];
    let taken: Vec<&str> = names.iter().copied().filter(|_| rng.chance(70)).collect();
    let taken = if taken.is_empty() {
        vec!["REG_LEVEL"]
    } else {
        taken
    };
    settings.push_str(&format!("from proj.registry import {}\n", taken.join(", ")));
    for name in &taken {
        settings.push_str(&format!("CYCLE_{} = {name}\n", &name[4..]));
    }
    for _ in 0..rng.below(3) {
        let line = match rng.below(6) {
            0 => format!(
                "importlib.import_module('proj.registry').REG_HOSTS.append({})\n",
                host(rng)
            ),
            1 => format!(
                "setattr(sys.modules['proj.' + 'registry'], 'REG_LEVEL', {})\n",
                python_str(rng.pick(LEVELS))
            ),
            2 => "sys.modules[__name__].HANDLE_SELF = True\n".to_string(),
            3 => "HANDLE_LEVEL = vars(importlib.import_module('proj.registry'))['REG_LEVEL']\n"
                .to_string(),
            4 => "globals().update(vars(importlib.import_module('proj.registry')))\n".to_string(),
            _ => format!(
                "_plugin = importlib.import_module('proj.registry' if sys.platform else 'proj.other')\n_plugin.REG_APPS.append({})\n",
                app(rng)
            ),
        };
        settings.push_str(&line);
    }
    settings.push_str("from proj.registry import REG_APPS as LATE_APPS, REG_LEVEL as LATE_LEVEL\n");
    (files, settings)
}

/// An "end" module: imports the registry back and changes it.
fn change(rng: &mut Rng) -> String {
    let word = rng.pick(WORDS);
    let level = python_str(rng.pick(LEVELS));
    match rng.below(8) {
        0 => format!("from proj import registry\nregistry.REG_APPS.append('proj.{word}')\n"),
        1 => format!("import proj.registry as registry\nregistry.REG_LEVEL = {level}\n"),
        2 => {
            format!("from proj.registry import REG_HOSTS\nREG_HOSTS.append('{word}.example.com')\n")
        }
        3 => format!(
            "import importlib\nmodule = importlib.import_module('proj.registry')\nmodule.REG_HOSTS += ['{word}.example.com']\n"
        ),
        4 => format!("import sys\nsys.modules['proj.' + 'registry'].REG_LEVEL = {level}\n"),
        5 => format!(
            "import importlib\nsetattr(importlib.import_module('proj.registry'), 'REG_LEVEL', {level})\n"
        ),
        6 => format!(
            "import importlib\nimport sys\nimportlib.import_module('proj.registry' if sys.platform else 'proj.other').REG_APPS.append('proj.{word}')\n"
        ),
        _ => format!("import proj.registry\nproj.registry.REG_APPS[0:0] = ['proj.{word}']\n"),
    }
}
