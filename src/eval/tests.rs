//! The evaluator on small modules written to a temporary folder: each test states the Python
//! semantics it checks, with the value CPython gives.

use std::collections::BTreeMap;

use super::value::Kind;
use super::{Evaluation, Scenario, evaluate};
use crate::resolve::Project;

/// Writes `files` (path, source) into a temp folder, imports the first as the entry module with
/// `env` set, and returns the evaluation with the project it came from.
pub(super) fn run_files(files: &[(&str, &str)], env: &[(&str, &str)]) -> (Project, Evaluation) {
    let dir = tempfile::tempdir().unwrap();
    for (path, source) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, source).unwrap();
    }
    let root = dir.path().canonicalize().unwrap();
    let mut project = Project::new(vec![root.clone()], root.clone());
    let entry = project.load(&root.join(files[0].0)).unwrap();
    let scenario = Scenario::with_vars(
        env.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
    );
    let evaluation = evaluate(&project, &super::Settings::module(entry), &scenario);
    (project, evaluation)
}

/// The repr of each named setting after importing `source` as `settings.py`.
pub(super) fn values(source: &str, env: &[(&str, &str)], names: &[&str]) -> Vec<String> {
    let (_, evaluation) = run_files(&[("settings.py", source)], env);
    names
        .iter()
        .map(|n| {
            evaluation
                .namespace
                .bindings
                .get(*n)
                .map_or("<unbound>".into(), |b| b.value.to_string())
        })
        .collect()
}

fn value(source: &str, env: &[(&str, &str)]) -> String {
    values(source, env, &["X"]).remove(0)
}

#[test]
fn environment_reads_follow_the_scenario() {
    let src = "import os\nX = os.getenv('DEBUG', 'True') != 'False'\n";
    assert_eq!(value(src, &[]), "True");
    assert_eq!(value(src, &[("DEBUG", "False")]), "False");
    assert_eq!(value(src, &[("DEBUG", "false")]), "True");
    assert_eq!(value("import os\nX = os.getenv('A')\n", &[]), "None");
    assert_eq!(
        value("import os\nX = os.environ.get('A', 'd')\n", &[("A", "v")]),
        "'v'"
    );
    assert_eq!(
        value("from os import getenv\nX = getenv('A', 'd')\n", &[]),
        "'d'"
    );
    assert_eq!(
        value("from os import environ\nX = environ.get('A', 'd')\n", &[]),
        "'d'"
    );
    assert_eq!(
        value("import os\nX = os.environ['A']\n", &[]),
        "<the value of the required environment variable A>"
    );
    assert_eq!(
        value("import os\nX = os.environ['A']\n", &[("A", "x")]),
        "'x'"
    );
    assert_eq!(
        value(
            "import os\nos.environ.setdefault('A', 'set')\nX = os.environ['A']\n",
            &[]
        ),
        "'set'"
    );
    assert_eq!(
        value(
            "import os\nos.environ.setdefault('A', 'set')\nX = os.environ['A']\n",
            &[("A", "mine")]
        ),
        "'mine'"
    );
    assert_eq!(
        value(
            "import os\nos.environ['A'] = 'forced'\nX = os.getenv('A')\n",
            &[("A", "mine")]
        ),
        "'forced'"
    );
}

#[test]
fn values_remember_the_variables_they_came_from() {
    let (_, evaluation) = run_files(
        &[(
            "settings.py",
            "import os\nD = os.getenv('DEBUG', '') == '1'\nif os.getenv('ENV') == 'prod':\n    X = 1\nelse:\n    X = 2\nY = 3\n",
        )],
        &[],
    );
    let env = |name: &str| -> Vec<String> {
        evaluation.namespace.bindings[name]
            .value
            .env
            .iter()
            .map(|v| v.to_string())
            .collect()
    };
    assert_eq!(env("D"), ["DEBUG"]);
    assert_eq!(
        env("X"),
        ["ENV"],
        "a branch's condition is a dependency of what it assigns"
    );
    assert!(env("Y").is_empty());
}

#[test]
fn string_methods_and_operators() {
    assert_eq!(
        value("X = 'a; b ;c'.split(';')\n", &[]),
        "['a', ' b ', 'c']"
    );
    assert_eq!(value("X = '  a  b '.split()\n", &[]), "['a', 'b']");
    assert_eq!(value("X = 'a,b,c'.split(',', 1)\n", &[]), "['a', 'b,c']");
    assert_eq!(value("X = ' * '.strip().upper()\n", &[]), "'*'");
    assert_eq!(
        value("X = 'xxhixx'.strip('x').replace('h', 'H')\n", &[]),
        "'Hi'"
    );
    assert_eq!(value("X = ','.join(['a', 'b'])\n", &[]), "'a,b'");
    assert_eq!(value("X = 'ab' + 'c' * 2\n", &[]), "'abcc'");
    assert_eq!(value("X = 1 < 2 < 3\n", &[]), "True");
    assert_eq!(value("X = 1 < 3 < 2\n", &[]), "False");
    assert_eq!(value("X = 'a' not in ('b', 'c')\n", &[]), "True");
    assert_eq!(value("X = 'TRUE'.lower() in ('1', 'true')\n", &[]), "True");
    assert_eq!(value("X = None is None\n", &[]), "True");
    assert_eq!(value("X = '' or 'fallback'\n", &[]), "'fallback'");
    assert_eq!(value("X = 'set' and 0\n", &[]), "0");
    assert_eq!(value("X = not ''\n", &[]), "True");
    assert_eq!(value("X = 'a' if 0 else 'b'\n", &[]), "'b'");
    assert_eq!(value("X = bool('False')\n", &[]), "True");
    assert_eq!(value("X = int('42') + 1\n", &[]), "43");
    assert_eq!(value("X = 2 ** 10 // 3\n", &[]), "341");
    assert_eq!(value("X = -0x10\n", &[]), "-16");
    assert_eq!(
        value("N = 'x'\nX = f'{N}-{1}-{N!r}' r'\\d'\n", &[]),
        "\"x-1-'x'\\\\d\""
    );
}

#[test]
fn strings_decode_escapes_and_prefixes() {
    assert_eq!(value("X = 'a\\tb\\x41\\u00e9'\n", &[]), "'a\\tbAé'");
    assert_eq!(value("X = r'a\\tb'\n", &[]), "'a\\\\tb'");
    assert_eq!(value("X = 'a' 'b' \"c\"\n", &[]), "'abc'");
    assert_eq!(value("X = b'key'\n", &[]), "b'key'");
    assert!(value("X = f'{1:>3}'\n", &[]).starts_with("<unknown: f-string format specifications"));
}

#[test]
fn containers_mutate_in_place() {
    let src =
        "X = ['a']\nX.append('b')\nX += ('c',)\nX.extend(['d'])\nX.insert(0, 'z')\nX.remove('a')\n";
    assert_eq!(value(src, &[]), "['z', 'b', 'c', 'd']");
    let src = "X = {'default': {'NAME': 'db'}}\nX['default']['PASSWORD'] = 'pw'\nX.update({'other': 1})\n";
    assert_eq!(
        value(src, &[]),
        "{'default': {'NAME': 'db', 'PASSWORD': 'pw'}, 'other': 1}"
    );
    assert_eq!(value("X = [1, 2]\nX[-1] = 3\n", &[]), "[1, 3]");
    assert_eq!(
        value("A, (B, C) = 1, (2, 3)\nX = [A, B, C]\n", &[]),
        "[1, 2, 3]"
    );
    assert_eq!(value("X = Y = [1]\n", &[]), "[1]");
    assert_eq!(value("X = {**{'a': 1}, 'b': 2}['b']\n", &[]), "2");
    assert_eq!(value("X = [*['a'], 'b']\n", &[]), "['a', 'b']");
}

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
fn comprehensions_and_formatting() {
    let hosts =
        "import os\nX = [h.strip() for h in os.getenv('HOSTS', 'a.com, b.com').split(',') if h]\n";
    assert_eq!(value(hosts, &[]), "['a.com', 'b.com']");
    assert_eq!(value(hosts, &[("HOSTS", "x, ,y")]), "['x', '', 'y']");
    assert_eq!(
        value("h = 1\nX = [h * 2 for h in [1, 2] if h > 1]\nY = h\n", &[]),
        "[4]"
    );
    assert_eq!(
        values("h = 1\nX = [h for h in [5]]\nY = h\n", &[], &["Y"]),
        ["1"],
        "loop names do not leak"
    );
    assert_eq!(
        value("X = {k: v for k, v in [('a', 1)]}\n", &[]),
        "{'a': 1}"
    );
    assert_eq!(
        value("X = ','.join(s.upper() for s in ['a', 'b'])\n", &[]),
        "'A,B'"
    );
    assert_eq!(value("X = list(filter(None, ''.split(',')))\n", &[]), "[]");
    assert_eq!(
        value("X = list(filter(None, 'a,,b'.split(',')))\n", &[]),
        "['a', 'b']"
    );
    assert_eq!(
        value("X = '%s://%s:%d/%%' % ('https', 'h', 80)\n", &[]),
        "'https://h:80/%'"
    );
    assert_eq!(
        value("X = '%(a)s-%(b)r' % {'a': 1, 'b': 'q'}\n", &[]),
        "\"1-'q'\""
    );
    assert_eq!(
        value("X = '{}-{0}-{name}-{{}}'.format('a', name='n')\n", &[]),
        "'a-a-n-{}'"
    );
    assert!(value("X = '{:>4}'.format('a')\n", &[]).starts_with("<unknown"));
}

#[test]
fn library_conversions_raise_like_python() {
    let literal = "import ast, os\ntry:\n    X = ast.literal_eval(os.getenv('DEBUG', 'False'))\nexcept ValueError:\n    X = 'invalid'\n";
    assert_eq!(value(literal, &[]), "False");
    assert_eq!(value(literal, &[("DEBUG", "True")]), "True");
    assert_eq!(value(literal, &[("DEBUG", "false")]), "'invalid'");
    assert_eq!(
        value(
            "import json, os\nX = json.loads(os.getenv('HOSTS', '[\"*\"]'))\n",
            &[]
        ),
        "['*']"
    );
    assert_eq!(
        value(
            "from distutils.util import strtobool\nX = bool(strtobool('off'))\n",
            &[]
        ),
        "False"
    );
    let keyerror =
        "import os\ntry:\n    X = os.environ['SECRET']\nexcept KeyError:\n    X = 'fallback'\n";
    assert_eq!(value(keyerror, &[]), "'fallback'");
    assert_eq!(value(keyerror, &[("SECRET", "s")]), "'s'");
    let membership = "import os\nX = 'DEBUG' in os.environ\nY = 'DEBUG' not in os.environ\n";
    assert_eq!(values(membership, &[], &["X", "Y"]), ["False", "True"]);
    assert_eq!(
        values(membership, &[("DEBUG", "")], &["X", "Y"]),
        ["True", "False"]
    );
    assert_eq!(
        value(
            "try:\n    X = int('x')\nexcept (TypeError, ValueError):\n    X = 0\n",
            &[]
        ),
        "0"
    );
    assert_eq!(
        value(
            "import os\nX = os.path.join('/srv', 'app', 'static')\n",
            &[]
        ),
        "'/srv/app/static'"
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

#[test]
fn comments_and_continuations_inside_expressions() {
    let src = "X = [\n    'a',  # first\n    # 'b',\n    'c',\n]\nY = 'x' \\\n    if X else 'y'\nZ = not (  # why\n    X\n)\n";
    assert_eq!(
        values(src, &[], &["X", "Y", "Z"]),
        ["['a', 'c']", "'x'", "False"]
    );
    assert_eq!(value("X = {'k': 1,  # c\n     'j': 2}['j']\n", &[]), "2");
}

#[test]
fn walrus_getattr_splats_and_dict_items() {
    let walrus =
        "import os\nif (key := os.getenv('SECRET_KEY')):\n    X = key\nelse:\n    X = 'fallback'\n";
    assert_eq!(value(walrus, &[]), "'fallback'");
    assert_eq!(value(walrus, &[("SECRET_KEY", "s")]), "'s'");
    let files = [
        (
            "app/settings.py",
            "from . import configuration\nX = getattr(configuration, 'DEBUG', False)\nY = getattr(configuration, 'MISSING', 'd')\n",
        ),
        ("app/__init__.py", ""),
        ("app/configuration.py", "DEBUG = True\n"),
    ];
    let (_, evaluation) = run_files(&files, &[]);
    assert_eq!(evaluation.namespace.bindings["X"].value.to_string(), "True");
    assert_eq!(evaluation.namespace.bindings["Y"].value.to_string(), "'d'");
    let splats = "def f(a, b, c=0):\n    return [a, b, c]\nARGS = ['x']\nOPTIONS = {'b': 'y', 'c': 'z'}\nX = f(*ARGS, **OPTIONS)\n";
    assert_eq!(value(splats, &[]), "['x', 'y', 'z']");
    let items = "E = {'a': 1}\nX = []\nfor k, v in E.items():\n    X.append(k)\nY = E\n";
    assert_eq!(
        values(items, &[], &["X", "Y"]),
        ["['a']", "{'a': 1}"],
        "a loop over .items() leaves the dict known"
    );
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
fn small_builtins() {
    assert_eq!(value("X = [i * 2 for i in range(3)]\n", &[]), "[0, 2, 4]");
    assert_eq!(value("X = list(range(5, 0, -2))\n", &[]), "[5, 3, 1]");
    assert_eq!(
        value("import os\nX = float(os.getenv('T', '1.5'))\n", &[]),
        "1.5"
    );
    assert_eq!(
        values(
            "X = min(3, 1, 2)\nY = max(['b', 'a'])\nZ = sorted(['b', 'c', 'a'])\n",
            &[],
            &["X", "Y", "Z"]
        ),
        ["1", "'b'", "['a', 'b', 'c']"]
    );
    assert_eq!(
        value(
            "X = 'https://x.org/'.removesuffix('/').removeprefix('https://')\n",
            &[]
        ),
        "'x.org'"
    );
    assert!(value("X = max([])\n", &[]).starts_with("<unknown"));
}

#[test]
fn str_of_a_partly_unknown_value_is_unknown() {
    assert!(value("import sys\nX = str([sys.argv])\n", &[]).starts_with("<unknown"));
    assert!(value("import sys\nX = f'{[sys.argv]}'\n", &[]).starts_with("<unknown"));
    assert_eq!(
        value("X = str([1, 'a']) + f'{(2,)}'\n", &[]),
        "\"[1, 'a'](2,)\""
    );
}

#[test]
fn literals_environment_values_are_compared_with_are_recorded() {
    let src = "import os\nENV = os.getenv('DJANGO_ENV', 'dev').lower()\nif ENV == 'production':\n    X = 1\nelif ENV in ('staging', 'uat'):\n    X = 2\nmatch os.getenv('TIER'):\n    case 'live':\n        Y = 1\nZ = os.getenv('A') == os.getenv('B')\n";
    let (_, evaluation) = run_files(&[("settings.py", src)], &[]);
    let compared: Vec<(String, Vec<String>)> = evaluation
        .compared
        .iter()
        .map(|(var, literals)| {
            (
                var.to_string(),
                literals.iter().map(|l| l.to_string()).collect(),
            )
        })
        .collect();
    // `A == B` compares two environment values: neither is a literal written in the settings.
    assert_eq!(
        compared,
        vec![
            (
                "DJANGO_ENV".to_string(),
                vec!["production".into(), "staging".into(), "uat".into()]
            ),
            ("TIER".to_string(), vec!["live".into()]),
        ]
    );
}

#[test]
fn a_variable_set_to_an_unknown_value_reads_as_whatever_the_deployment_sets() {
    let src =
        "import os\nX = os.getenv('SECRET_KEY', 'fallback')\nY = 'SECRET_KEY' in os.environ\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.py"), src).unwrap();
    let root = dir.path().canonicalize().unwrap();
    let mut project = Project::new(vec![root.clone()], root.clone());
    let entry = project.load(&root.join("settings.py")).unwrap();
    let scenario = Scenario {
        vars: BTreeMap::new(),
        unknown: ["SECRET_KEY".to_string()].into(),
    };
    let evaluation = evaluate(&project, &super::Settings::module(entry), &scenario);
    let get = |name: &str| evaluation.namespace.bindings[name].value.clone();
    assert!(matches!(get("X").kind, Kind::FromEnv(_)), "{}", get("X"));
    assert_eq!(get("Y").to_string(), "True");
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
