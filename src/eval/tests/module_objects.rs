//! Project modules as objects: attributes set on them, import cycles that see the partly
//! initialised module, modules reached where djsafe stops following, decorators, and what a
//! module imported for one name still runs. Each with the value CPython gives.

use super::*;

fn setting(evaluation: &Evaluation, name: &str) -> String {
    evaluation
        .namespace
        .bindings
        .get(name)
        .map_or("<unbound>".into(), |b| b.value.to_string())
}

#[test]
fn attributes_set_on_a_module_are_what_later_importers_read() {
    let files = [
        (
            "app/settings.py",
            "import sys\nfrom app import tweaks\nfrom app.conf import NAMES, LEVEL\nsetattr(sys.modules[__name__], 'FLAG', True)\n",
        ),
        ("app/__init__.py", ""),
        ("app/conf.py", "NAMES = ['orig']\nLEVEL = 'INFO'\n"),
        (
            "app/tweaks.py",
            "import app.conf as conf\nconf.NAMES = ['changed']\nsetattr(conf, 'LEVEL', 'DEBUG')\n",
        ),
    ];
    let (_, evaluation) = run_files(&files, &[]);
    assert_eq!(setting(&evaluation, "NAMES"), "['changed']");
    assert_eq!(setting(&evaluation, "LEVEL"), "'DEBUG'");
    assert_eq!(setting(&evaluation, "FLAG"), "True");
}

#[test]
fn an_import_cycle_changes_the_partly_initialised_module() {
    // CPython: plugins sees HOSTS (bound before the import) and appends to it.
    let files = [
        ("app/settings.py", "from app.conf import HOSTS, LEVEL\n"),
        ("app/__init__.py", ""),
        (
            "app/conf.py",
            "HOSTS = ['a']\nLEVEL = 'INFO'\nfrom app import plugins\n",
        ),
        (
            "app/plugins.py",
            "from app.conf import HOSTS\nimport app.conf as conf\nHOSTS.append('plugin')\nconf.LEVEL = 'DEBUG'\n",
        ),
    ];
    let (_, evaluation) = run_files(&files, &[]);
    assert_eq!(setting(&evaluation, "HOSTS"), "['a', 'plugin']");
    assert_eq!(setting(&evaluation, "LEVEL"), "'DEBUG'");
}

#[test]
fn a_module_held_where_djsafe_stops_following_has_unknown_names() {
    // CPython (Linux): `LAYERS[0]` is conf, whose DEBUG becomes False.
    let files = [
        (
            "app/settings.py",
            "import os\nfrom app import conf\nLAYERS = [conf, os]\nLAYERS[int(os.name == 'nt')].DEBUG = False\nfrom app.conf import DEBUG, HOSTS\n",
        ),
        ("app/__init__.py", ""),
        ("app/conf.py", "DEBUG = True\nHOSTS = ['a']\n"),
    ];
    let (_, evaluation) = run_files(&files, &[]);
    assert!(setting(&evaluation, "DEBUG").starts_with("<unknown"));
    assert!(setting(&evaluation, "HOSTS").starts_with("<unknown"));
}

#[test]
fn a_project_decorator_runs_on_what_it_decorates() {
    let src = "CHECKS = []\n\ndef register(func):\n    CHECKS.append(func.__name__)\n    return func\n\n@register\ndef security():\n    return 1\n\nX = security()\n";
    assert_eq!(values(src, &[], &["CHECKS", "X"]), ["['security']", "1"]);
}

#[test]
fn a_module_imported_for_one_name_still_changes_other_modules() {
    // `from app.hardening import STRICT` runs all of hardening.py in CPython.
    let files = [
        (
            "app/settings.py",
            "from app.hardening import STRICT\nfrom app.conf import HOSTS\n",
        ),
        ("app/__init__.py", ""),
        ("app/conf.py", "HOSTS = ['a', 'localhost']\n"),
        (
            "app/hardening.py",
            "from app.conf import HOSTS\nSTRICT = True\nHOSTS.remove('localhost')\n",
        ),
    ];
    let (_, evaluation) = run_files(&files, &[]);
    assert_eq!(setting(&evaluation, "HOSTS"), "['a']");
}
