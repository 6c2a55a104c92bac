//! Statements: control flow, `match`, syntax errors, and the project's helper functions run on
//! their arguments.

use super::*;

#[test]
fn control_flow() {
    let src = "import os\nif os.getenv('E') == 'prod':\n    X = 'p'\nelif os.getenv('E') == 'stage':\n    X = 's'\nelse:\n    X = 'd'\n";
    assert_eq!(value(src, &[]), "'d'");
    assert_eq!(value(src, &[("E", "stage")]), "'s'");
    assert_eq!(value(src, &[("E", "prod")]), "'p'");
    // A condition djsafe cannot decide: names the branches disagree on are unknown, the others kept.
    let joined = values(
        "import sys\nY = 1\nif 'test' in sys.argv:\n    X = 1\n    Y = 1\nelse:\n    X = 2\n",
        &[],
        &["X", "Y"],
    );
    assert!(
        joined[0].starts_with("<unknown: depends on the condition `'test' in sys.argv`"),
        "{}",
        joined[0]
    );
    assert_eq!(joined[1], "1");
    assert_eq!(
        value(
            "X = []\nfor h in ['a', 'b']:\n    X.append(h + '.example.com')\n",
            &[]
        ),
        "['a.example.com', 'b.example.com']"
    );
    assert!(
        value("import sys\nX = 1\nwhile sys.argv:\n    X = 2\n", &[])
            .starts_with("<unknown: assigned inside a `while`")
    );
    assert_eq!(value("def f():\n    return 1\nX = f()\n", &[]), "1");
    assert!(
        value("class C:\n    A = 1\nX = C()\n", &[])
            .starts_with("<unknown: `C` is a class of the project")
    );
    assert_eq!(
        values(
            "class C:\n    A = 1\nclass D(C):\n    B = A = 2\nX = D.A\nY = D.B\n",
            &[],
            &["X", "Y"]
        ),
        ["2", "2"]
    );
    assert_eq!(value("X = 1\ndel X\n", &[]), "<unbound>");
}

#[test]
fn syntax_errors_do_not_stop_the_statements_around_them() {
    let (project, evaluation) = run_files(&[("settings.py", "A = 1\nB = (\nC = 3\n")], &[]);
    assert!(!project.diagnostics.is_empty());
    assert_eq!(evaluation.namespace.bindings["A"].value.to_string(), "1");
}

#[test]
fn small_helper_functions_are_evaluated() {
    let envbool = "import os\ndef envbool(name, default):\n    return os.getenv(name, default) in ('1', 'True', 'true')\nX = envbool('DEBUG', 'True')\n";
    assert_eq!(value(envbool, &[]), "True");
    assert_eq!(value(envbool, &[("DEBUG", "false")]), "False");
    let (_, evaluation) = run_files(&[("settings.py", envbool)], &[]);
    let deps: Vec<String> = evaluation.namespace.bindings["X"]
        .value
        .env
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        deps,
        ["DEBUG"],
        "a helper's environment reads count for its result"
    );
    let branches = "def pick(flag, default=None):\n    if flag == 'yes':\n        return True\n    elif flag == 'no':\n        return False\n    return default\nX = [pick('yes'), pick('no'), pick('maybe', default='d'), pick(flag='no')]\n";
    assert_eq!(value(branches, &[]), "[True, False, 'd', False]");
    let globals = "PREFIX = 'app'\ndef name(x):\n    local = PREFIX + '-'\n    return local + x\nX = name('web')\n";
    assert_eq!(value(globals, &[]), "'app-web'");
    assert!(
        value("def f(n):\n    return f(n)\nX = f(1)\n", &[])
            .starts_with("<unknown: call to `f` not followed: calls nest deeper than 8")
    );
    // `*args` and `**kwargs` collect what the other parameters do not take, as in Python.
    assert_eq!(
        value(
            "def f(a, *args, **kw):\n    return (a, args, kw)\nX = f(1, 2, 3, k=4)\n",
            &[]
        ),
        "(1, (2, 3), {'k': 4})"
    );
    assert_eq!(
        value("def f(*, a=1):\n    return a\nX = f(a=2)\n", &[]),
        "2"
    );
    assert!(value("def f(*, a=1):\n    return a\nX = f(2)\n", &[]).contains("too many arguments"));
    assert!(value("def f(a, /):\n    return a\nX = f(2)\n", &[]).contains("positional-only"));
    assert!(
        value(
            "import sys\ndef f():\n    if sys.argv:\n        return 1\n    return 2\nX = f()\n",
            &[]
        )
        .starts_with("<unknown: depends on the condition")
    );
    assert!(
        value("def f():\n    while True:\n        pass\nX = f()\n", &[])
            .contains("not followed: it has a `while` loop")
    );
}

#[test]
fn helpers_imported_from_another_module_use_their_own_globals() {
    let files = [
        (
            "app/settings.py",
            "from .utils import flag\nX = flag('DEBUG')\n",
        ),
        ("app/__init__.py", ""),
        (
            "app/utils.py",
            "import os\nTRUE = ('1', 'true')\ndef flag(name):\n    return os.environ.get(name, 'true').lower() in TRUE\n",
        ),
    ];
    let (_, evaluation) = run_files(&files, &[]);
    assert_eq!(evaluation.namespace.bindings["X"].value.to_string(), "True");
    let (_, evaluation) = run_files(&files, &[("DEBUG", "0")]);
    assert_eq!(
        evaluation.namespace.bindings["X"].value.to_string(),
        "False"
    );
}

#[test]
fn match_statements() {
    let src = "import os\nmatch os.getenv('E', 'dev'):\n    case 'production' | 'prod':\n        X = 'p'\n    case 'staging' if os.getenv('STRICT'):\n        X = 's-strict'\n    case other:\n        X = other\n";
    assert_eq!(value(src, &[]), "'dev'");
    assert_eq!(value(src, &[("E", "prod")]), "'p'");
    assert_eq!(value(src, &[("E", "staging")]), "'staging'");
    assert_eq!(
        value(src, &[("E", "staging"), ("STRICT", "1")]),
        "'s-strict'"
    );
    let (_, evaluation) = run_files(&[("settings.py", src)], &[]);
    let deps: Vec<String> = evaluation.namespace.bindings["X"]
        .value
        .env
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(deps, ["E"]);
    assert!(
        value(
            "import sys\nX = 0\nmatch sys.argv:\n    case [a, b]:\n        X = 1\n",
            &[]
        )
        .starts_with("<unknown: depends on the `case`")
    );
}

/// `Class.NAME` looks in Python's resolution order (C3) and follows at most MAX_BASES_DEPTH
/// levels of bases: deeper, the value is unknown with the reason; a ladder of diamonds (2^n
/// paths through the bases) is resolved at once.
#[test]
fn class_attributes_follow_the_resolution_order_within_a_bounded_depth() {
    use crate::eval::value::MAX_BASES_DEPTH;
    let diamond = "class A:\n    X = 1\nclass B(A):\n    pass\nclass C(A):\n    X = 2\n\
                   class D(B, C):\n    pass\nX = D.X\n";
    assert_eq!(value(diamond, &[]), "2");
    let chain = |levels: usize| {
        let mut source = String::from("class C0:\n    X = 'root'\n");
        for i in 1..=levels {
            source.push_str(&format!("class C{i}(C{}):\n    pass\n", i - 1));
        }
        source + &format!("X = C{levels}.X\nY = getattr(C{levels}, 'Y', 'absent')\n")
    };
    let within = values(&chain(MAX_BASES_DEPTH), &[], &["X", "Y"]);
    assert_eq!(within, ["'root'", "'absent'"]);
    let beyond = values(&chain(MAX_BASES_DEPTH + 1), &[], &["X", "Y"]);
    for shown in &beyond {
        assert!(
            shown.contains(&format!(
                "more than {MAX_BASES_DEPTH} levels of base classes"
            )),
            "{shown}"
        );
    }
    let mut ladder = String::from("class A0:\n    X = 0\nclass B0:\n    pass\n");
    for i in 1..=30 {
        for name in ["A", "B"] {
            ladder.push_str(&format!(
                "class {name}{i}(A{p}, B{p}):\n    pass\n",
                p = i - 1
            ));
        }
    }
    ladder.push_str("X = getattr(B30, 'MISSING', A30.X)\n");
    assert_eq!(value(&ladder, &[]), "0");
}
