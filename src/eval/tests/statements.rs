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

#[test]
fn a_handler_that_only_raises_handles_nothing() {
    // Re-raising (or raising another exception) leaves the variable required, as without a
    // `try`: the deployment that starts sets it.
    for handler in [
        "raise",
        "raise KeyError('set X') from e",
        "print('missing')\n    raise ValueError('X')",
    ] {
        let src = format!(
            "import os\ntry:\n    X = os.environ['X']\nexcept KeyError as e:\n    {handler}\nY = 1\n"
        );
        let [x, y] = <[String; 2]>::try_from(values(&src, &[], &["X", "Y"])).unwrap();
        assert_eq!(
            x, "<the value of the required environment variable X>",
            "{handler}"
        );
        assert_eq!(y, "1");
    }
    // Python runs the first clause that matches: a later clause that would go on does not.
    assert_eq!(
        value(
            "import os\ntry:\n    X = os.environ['X']\nexcept KeyError:\n    raise\nexcept Exception:\n    X = 'fallback'\n",
            &[]
        ),
        "<the value of the required environment variable X>"
    );
    // A re-raise an outer `try` catches is a fallback: the bare `raise` raises KeyError again.
    assert_eq!(
        value(
            "import os\ntry:\n    try:\n        X = os.environ['X']\n    except KeyError:\n        raise\nexcept KeyError:\n    X = 'outer'\n",
            &[]
        ),
        "'outer'"
    );
    // A clause that goes on is the fallback.
    assert_eq!(
        value(
            "import os\ntry:\n    X = os.environ['X']\nexcept KeyError:\n    X = 'fallback'\n",
            &[]
        ),
        "'fallback'"
    );
}

#[test]
fn an_uncaught_exception_makes_what_its_statement_assigns_unknown() {
    let src = "import os\nX = 0\nif os.getenv('E') == 'prod':\n    X = 1\n    Y = 2\nelse:\n    raise ValueError('E')\nZ = 3\n";
    let unset = values(src, &[], &["X", "Y", "Z"]);
    assert!(
        unset[0].starts_with("<unknown: importing `settings` raises ValueError at settings.py:7"),
        "{}",
        unset[0]
    );
    assert!(unset[1].starts_with("<unknown: importing"), "{}", unset[1]);
    // Statements after it still run (see `Run::module`).
    assert_eq!(unset[2], "3");
    assert_eq!(
        values(src, &[("E", "prod")], &["X", "Y", "Z"]),
        ["1", "2", "3"]
    );
    let (_, evaluation) = run_files(&[("settings.py", src)], &[]);
    assert!(
        evaluation.diagnostics.iter().any(|d| d
            .message
            .starts_with("importing `settings` raises ValueError here")),
        "{:?}",
        evaluation.diagnostics
    );
}
