//! `global` in a function: the names it declares are the module's for the whole function, so
//! assigning them rebinds the module's names (each expected value is what CPython gives).

use super::{run_files, value, values};

#[test]
fn assignments_to_declared_names_rebind_the_module() {
    let twice = "X = 1\ndef bump():\n    global X\n    X = X + 1\nbump()\nbump()\n";
    assert_eq!(value(twice, &[]), "3");
    // A name the module did not have yet is created.
    let created = "def define():\n    global X\n    X = 'new'\ndefine()\n";
    assert_eq!(value(created, &[]), "'new'");
    // Mutating a declared name changes the module's object, as without `global`.
    let appended =
        "HOSTS = ['a']\ndef add():\n    global HOSTS\n    HOSTS.append('b')\nadd()\nX = HOSTS\n";
    assert_eq!(value(appended, &[]), "['a', 'b']");
    // The declaration holds for the whole body, wherever it is written.
    let in_branch = "def f(flag):\n    if flag:\n        global X\n    X = 5\nf(False)\n";
    assert_eq!(value(in_branch, &[]), "5");
    // A name not declared stays local.
    let local = "X = 1\ndef f():\n    X = 2\n    return X\nY = f()\n";
    assert_eq!(values(local, &[], &["X", "Y"]), ["1", "2"]);
}

#[test]
fn conditions_inside_the_function_decide_the_module_name() {
    let src = "import os\nX = ['a']\ndef f():\n    global X\n    if os.getenv('E'):\n        X = ['b']\nf()\n";
    assert_eq!(value(src, &[]), "['a']");
    assert_eq!(value(src, &[("E", "1")]), "['b']");
    let undecided =
        "import sys\nX = 1\ndef f():\n    global X\n    if sys.argv:\n        X = 2\nf()\n";
    assert!(
        value(undecided, &[]).starts_with("<unknown: depends on the condition `sys.argv`"),
        "{}",
        value(undecided, &[])
    );
}

#[test]
fn nested_calls_see_and_make_each_others_writes() {
    // g's write is f's `X` from then on, and the module's when f returns.
    let both = "X = 1\ndef g():\n    global X\n    X = 10\ndef f():\n    global X\n    X = 2\n    g()\n    return X\nY = f()\n";
    assert_eq!(values(both, &[], &["X", "Y"]), ["10", "10"]);
    // f reads the module's X after g rebound it, without declaring it.
    let reader =
        "X = 1\ndef g():\n    global X\n    X = 10\ndef f():\n    g()\n    return X\nY = f()\n";
    assert_eq!(values(reader, &[], &["X", "Y"]), ["10", "10"]);
}

#[test]
fn a_helper_of_another_module_rebinds_that_module() {
    let files = [
        (
            "app/settings.py",
            "from .base import *\nfrom . import base\nconfigure()\nX_HERE = X\nX_BASE = base.X\n",
        ),
        ("app/__init__.py", ""),
        (
            "app/base.py",
            "X = ['base']\nLOG = []\ndef configure():\n    global X\n    X = ['configured']\n    LOG.append('configured')\n",
        ),
    ];
    let (_, evaluation) = run_files(&files, &[]);
    let get = |name: &str| evaluation.namespace.bindings[name].value.to_string();
    // `from .base import *` copied the old binding; base's own name is rebound.
    assert_eq!(get("X_HERE"), "['base']");
    assert_eq!(get("X_BASE"), "['configured']");
    assert_eq!(get("LOG"), "['configured']");
}

#[test]
fn what_is_not_followed_is_unknown() {
    let gave_up = "X = 1\ndef f():\n    global X\n    X = 2\n    while True:\n        pass\nf()\n";
    assert!(
        value(gave_up, &[]).contains("may be rebound by the call to `f`"),
        "{}",
        value(gave_up, &[])
    );
    let deleted = "X = 1\ndef f():\n    global X\n    del X\nf()\n";
    assert!(value(deleted, &[]).contains("deleted by `del`"));
    // `nonlocal` is not followed, and what it may rebind in the caller is unknown (CPython: 2).
    let nonlocal = "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n    g()\n    return x\nX = f()\n";
    assert!(value(nonlocal, &[]).contains("rebinds names of an enclosing scope"));
    // A parameter declared global is a SyntaxError.
    let parameter = "def f(X):\n    global X\n    X = 1\nY = f(2)\n";
    assert!(values(parameter, &[], &["Y"])[0].contains("is declared global"));
}
