//! Names the settings take with `from module import NAME` from a project module others change
//! (issue 10, round 4): djsafe evaluates only what such a name depends on (issue 11), and Python
//! runs the whole module. `proj/shared.py` defines lists, a dict and a string; optionally it
//! ends by importing `proj/plugins.py`, which imports it back (an import cycle) and changes them,
//! directly, through the module object or through a decorator `shared.py` defines.
//! `proj/tweaks.py`, of which the settings take one flag, changes them too: in place, through a
//! helper, an alias, `shared.NAME = ...` or `setattr`. The settings then reach the module through
//! containers djsafe does not follow (an index or key it cannot evaluate, a sort by a key, an
//! attribute name it cannot read) or directly, hand a list to django-environ as a default, and
//! import the names, before or after the changes.

use super::{Rng, python_str};

/// The files it adds and the lines that end the settings module. `environ`: the settings have
/// django-environ's `env`.
pub fn generate(rng: &mut Rng, environ: bool) -> (Vec<(String, String)>, String) {
    let mut files = Vec::new();
    let host = |rng: &mut Rng| python_str(&format!("{}.example.com", rng.pick(WORDS)));
    let app = |rng: &mut Rng| python_str(&format!("proj.{}", rng.pick(WORDS)));
    let decorator = rng.chance(40);
    let cycle = rng.chance(50);
    let tweaks = rng.chance(60);

    let mut shared = String::from("\"\"\"Lists several modules share.\"\"\"\n");
    let hosts: Vec<String> = (0..1 + rng.below(3)).map(|_| host(rng)).collect();
    let apps: Vec<String> = (0..1 + rng.below(3)).map(|_| app(rng)).collect();
    shared.push_str(&format!("SHARED_HOSTS = [{}]\n", hosts.join(", ")));
    shared.push_str(&format!("SHARED_APPS = [{}]\n", apps.join(", ")));
    shared.push_str("SHARED_OPTIONS = {'k1': 'v1', 'k2': 'v2'}\n");
    shared.push_str(&format!(
        "SHARED_LEVEL = {}\n",
        python_str(rng.pick(LEVELS))
    ));
    if decorator {
        shared.push_str("\n\ndef register(func):\n    SHARED_APPS.append('proj.' + func.__name__)\n    return func\n");
    }
    if cycle {
        shared.push_str("\n\nfrom proj import plugins  # noqa: E402,F401\n");
        let mut plugins =
            String::from("\"\"\"Plugins: each changes proj.shared when imported.\"\"\"\n");
        for _ in 0..1 + rng.below(3) {
            match rng.below(if decorator { 5 } else { 4 }) {
                0 => plugins.push_str(&format!(
                    "from proj.shared import SHARED_APPS\nSHARED_APPS.append({})\n",
                    app(rng)
                )),
                1 => plugins.push_str(&format!(
                    "from proj import shared\nshared.SHARED_HOSTS.append({})\n",
                    host(rng)
                )),
                2 => plugins.push_str(&format!(
                    "import proj.shared as shared_module\nshared_module.SHARED_LEVEL = {}\n",
                    python_str(rng.pick(LEVELS))
                )),
                3 => plugins.push_str(&format!(
                    "from proj.shared import SHARED_OPTIONS\nSHARED_OPTIONS[{}] = 'on'\n",
                    python_str(rng.pick(WORDS))
                )),
                _ => plugins.push_str(&format!(
                    "from proj.shared import register\n\n\n@register\ndef {}():\n    pass\n\n\n",
                    rng.pick(WORDS)
                )),
            }
        }
        files.push(("proj/plugins.py".to_string(), plugins));
    }
    files.push(("proj/shared.py".to_string(), shared));

    if tweaks {
        let mut text = String::from(
            "\"\"\"Adjustments applied when imported.\"\"\"\nimport proj.shared as shared\nfrom proj.shared import SHARED_APPS, SHARED_HOSTS, SHARED_OPTIONS\n\n",
        );
        text.push_str(&format!(
            "TWEAKED = {}\n",
            if rng.chance(50) { "True" } else { "False" }
        ));
        for _ in 0..1 + rng.below(3) {
            let line = match rng.below(9) {
                0 => format!("SHARED_HOSTS.append({})\n", host(rng)),
                1 => format!("SHARED_APPS.extend([{}, {}])\n", app(rng), app(rng)),
                2 => format!("SHARED_OPTIONS[{}] = 'yes'\n", python_str(rng.pick(WORDS))),
                3 => format!("shared.SHARED_LEVEL = {}\n", python_str(rng.pick(LEVELS))),
                4 => format!(
                    "setattr(shared, 'SHARED_LEVEL', {})\n",
                    python_str(rng.pick(LEVELS))
                ),
                5 => format!(
                    "\n\ndef _add(items, item):\n    items.append(item)\n\n\n_add(SHARED_HOSTS, {})\n",
                    host(rng)
                ),
                6 => format!("_alias = SHARED_APPS\n_alias += [{}]\n", app(rng)),
                7 => "SHARED_OPTIONS.pop('k1', None)\n".to_string(),
                _ => format!("shared.SHARED_HOSTS.insert(0, {})\n", host(rng)),
            };
            text.push_str(&line);
        }
        files.push(("proj/tweaks.py".to_string(), text));
    }

    let mut settings = String::from("\nimport os\nimport sys\n\n");
    if rng.chance(30) {
        // Taken before the changes: the lists are the same objects, the string the old one.
        settings.push_str(
            "from proj.shared import SHARED_HOSTS as EARLY_HOSTS, SHARED_LEVEL as EARLY_LEVEL\n",
        );
    }
    if tweaks {
        settings.push_str("from proj.tweaks import TWEAKED as TWEAKS_APPLIED\n");
    }
    if rng.chance(60) {
        settings.push_str("from proj import shared as _shared_module\n");
        for _ in 0..1 + rng.below(2) {
            let line = match rng.below(7) {
                // `os.name` is 'posix' where the harness runs; djsafe does not model it.
                0 => format!(
                    "_layers = [_shared_module, os]\n_layers[int(os.name == 'nt')].SHARED_LEVEL = {}\n",
                    python_str(rng.pick(LEVELS))
                ),
                1 => format!(
                    "getattr({{'linux': _shared_module}}.get(sys.platform, _shared_module), 'SHARED_HOSTS').append({})\n",
                    host(rng)
                ),
                2 => format!(
                    "setattr(_shared_module, 'SHARED_LEVEL', {})\n",
                    python_str(rng.pick(LEVELS))
                ),
                3 => format!("_shared_module.SHARED_APPS.append({})\n", app(rng)),
                4 => "_modules = [_shared_module]\n_modules.sort(key=str)\n_modules[0].SHARED_OPTIONS['sorted'] = 'yes'\n".to_string(),
                5 => format!(
                    "getattr(_shared_module, 'SHARED_' + 'hosts'.upper().zfill(1)).append({})\n",
                    host(rng)
                ),
                _ => format!(
                    "_by_platform = {{'linux': _shared_module, 'darwin': sys}}\n_by_platform[sys.platform].SHARED_APPS = [{}]\n",
                    app(rng)
                ),
            };
            settings.push_str(&line);
        }
    }
    if environ && rng.chance(50) {
        // django-environ hands back the default object itself when the variable is unset.
        settings.push_str(&format!(
            "_DEFAULT_ORIGINS = ['https://{0}.example.com']\nCSRF_ORIGINS_EXTRA = env.get_value('CSRF_ORIGINS_EXTRA', cast=list, default=_DEFAULT_ORIGINS)\nCSRF_ORIGINS_EXTRA.append('https://admin.example.com')\nDEFAULT_ORIGINS_SEEN = _DEFAULT_ORIGINS\n",
            rng.pick(WORDS)
        ));
    }
    settings.push_str(
        "from proj.shared import SHARED_APPS, SHARED_HOSTS, SHARED_LEVEL, SHARED_OPTIONS\n",
    );
    (files, settings)
}

const WORDS: &[&str] = &[
    "billing", "search", "audit", "media", "api", "admin", "cdn", "mail",
];

const LEVELS: &[&str] = &["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"];
