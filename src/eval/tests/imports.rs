//! Imports: optional modules, star imports, the chains findings point along, cycles and missing
//! modules.

use super::*;

#[test]
fn try_except_import_error_takes_the_handler_only_when_the_module_is_missing() {
    let src =
        "X = 'base'\ntry:\n    from .local import *\nexcept ImportError:\n    X = 'no local'\n";
    let (_, without) = run_files(&[("pkg/settings.py", src), ("pkg/__init__.py", "")], &[]);
    assert_eq!(
        without.namespace.bindings["X"].value.to_string(),
        "'no local'"
    );
    assert!(
        without.diagnostics.is_empty(),
        "a handled ImportError is not a problem"
    );
    let (_, with) = run_files(
        &[
            ("pkg/settings.py", src),
            ("pkg/__init__.py", ""),
            ("pkg/local.py", "X = 'local'\n"),
        ],
        &[],
    );
    assert_eq!(with.namespace.bindings["X"].value.to_string(), "'local'");
}

#[test]
fn star_imports_honour_all_and_underscores() {
    let files = [
        (
            "app/production.py",
            "from .base import *\nfrom . import extra\nY = extra.Z\n",
        ),
        ("app/__init__.py", ""),
        ("app/base.py", "__all__ = ['A']\nA = 1\nB = 2\n"),
        ("app/extra.py", "Z = 'z'\n_PRIVATE = 1\n"),
    ];
    let (_, evaluation) = run_files(&files, &[]);
    let names: Vec<&str> = {
        let mut n: Vec<&str> = evaluation.namespace.bindings.keys().map(|k| &**k).collect();
        n.sort();
        n
    };
    assert_eq!(names, ["A", "Y", "extra"]);
    assert_eq!(evaluation.namespace.bindings["Y"].value.to_string(), "'z'");
    let files = [
        ("app/production.py", "from .base import *\n"),
        ("app/__init__.py", ""),
        ("app/base.py", "import os\nA = 1\n_B = 2\n"),
    ];
    let (_, evaluation) = run_files(&files, &[]);
    assert!(
        evaluation.namespace.bindings.contains_key("os"),
        "without __all__ a star import copies imported modules too"
    );
    assert!(!evaluation.namespace.bindings.contains_key("_B"));
}

#[test]
fn chains_lead_from_the_entry_to_the_file_that_set_the_value() {
    let files = [
        ("s/staging.py", "from .production import *\n"),
        ("s/__init__.py", ""),
        ("s/production.py", "from .common import *\n"),
        ("s/common.py", "DEBUG = True\n"),
    ];
    let (project, evaluation) = run_files(&files, &[]);
    let debug = &evaluation.namespace.bindings["DEBUG"];
    let chain: Vec<String> = evaluation
        .chain_to(debug.value.origin.file)
        .iter()
        .map(|span| {
            format!(
                "{}:{}",
                project.sources.get(span.file).display,
                project.sources.start(*span).line
            )
        })
        .collect();
    assert_eq!(chain, ["s/staging.py:1", "s/production.py:1"]);
    assert!(matches!(debug.value.kind, Kind::Bool(true)));
}

#[test]
fn cycles_and_missing_modules_are_diagnosed_not_fatal() {
    let files = [
        ("p/a.py", "from .b import *\nA = 1\n"),
        ("p/__init__.py", ""),
        ("p/b.py", "from .a import *\nB = 2\n"),
    ];
    let (_, evaluation) = run_files(&files, &[]);
    assert!(
        evaluation
            .diagnostics
            .iter()
            .any(|d| d.message.starts_with("import cycle: p.a → p.b → p.a"))
    );
    assert_eq!(evaluation.namespace.bindings["B"].value.to_string(), "2");
    let (_, evaluation) = run_files(
        &[
            ("p/a.py", "from .gone import *\nX = DEBUG\nY = 1\n"),
            ("p/__init__.py", ""),
        ],
        &[],
    );
    assert!(
        evaluation
            .diagnostics
            .iter()
            .any(|d| d.message.contains("cannot resolve module `.gone`"))
    );
    assert!(
        evaluation.namespace.bindings["X"]
            .value
            .to_string()
            .starts_with("<unknown: `DEBUG` may be defined by `from .gone import *`")
    );
    assert_eq!(evaluation.namespace.bindings["Y"].value.to_string(), "1");
}

#[test]
fn optional_imports_say_whether_the_module_exists() {
    let (_, absent) = run_files(
        &[
            (
                "pkg/settings.py",
                "DEBUG = False\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n",
            ),
            ("pkg/__init__.py", ""),
        ],
        &[],
    );
    assert_eq!(absent.optional_imports.len(), 1);
    assert!(!absent.optional_imports[0].present);
    assert!(
        absent.namespace.opaque.is_none(),
        "a handled missing module imports nothing, so nothing is hidden"
    );
    let (_, present) = run_files(
        &[
            (
                "pkg/settings.py",
                "DEBUG = False\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n",
            ),
            ("pkg/__init__.py", ""),
            ("pkg/local.py", "DEBUG = True\n"),
        ],
        &[],
    );
    assert!(present.optional_imports[0].present);
    assert_eq!(
        present.namespace.bindings["DEBUG"].value.to_string(),
        "True"
    );
}

#[test]
fn a_package_importing_its_own_submodule_is_not_a_cycle() {
    // pkg/__init__.py: `from . import signals` binds the submodule; CPython gives NAME == ['*'].
    let (_, evaluation) = run_files(
        &[
            (
                "pkg/__init__.py",
                "from . import signals\nNAME = ['*']\nX = signals.READY\n",
            ),
            ("pkg/signals.py", "READY = True\n"),
        ],
        &[],
    );
    assert!(
        evaluation.diagnostics.is_empty(),
        "{:?}",
        evaluation.diagnostics
    );
    let get = |n: &str| evaluation.namespace.bindings[n].value.to_string();
    assert_eq!(get("NAME"), "['*']");
    assert_eq!(get("X"), "True");
}
