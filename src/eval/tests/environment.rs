//! Environment variables: reads under the scenario, the variables a value depends on, the
//! configuration libraries' conversions, and what is recorded for the scenarios.

use super::*;

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
    let evaluation = evaluate(&project, &crate::eval::Settings::module(entry), &scenario);
    let get = |name: &str| evaluation.namespace.bindings[name].value.clone();
    assert!(matches!(get("X").kind, Kind::FromEnv(_)), "{}", get("X"));
    assert_eq!(get("Y").to_string(), "True");
}

#[test]
fn a_file_outside_the_repository_may_be_missing_where_a_handler_catches_it() {
    let read = |path: &str, handler: &str| {
        values(
            &format!(
                "import os\nP = {path}\ntry:\n    with open(P) as f:\n        X = f.read()\nexcept {handler}:\n    X = 'fallback'\nY = open(P).read()\n"
            ),
            &[],
            &["X", "Y"],
        )
    };
    for handler in [
        "IOError",
        "OSError",
        "FileNotFoundError",
        "EnvironmentError",
        "Exception",
    ] {
        let [x, y] =
            <[String; 2]>::try_from(read("'/run/secrets/djsafe-test-key'", handler)).unwrap();
        assert_eq!(x, "'fallback'", "{handler}");
        // Outside the `try`, what the file holds is unknown.
        assert!(
            y.starts_with("<unknown: /run/secrets/djsafe-test-key is outside"),
            "{y}"
        );
    }
    // A path djsafe cannot name, and a relative one the repository does not hold.
    assert_eq!(read("os.environ['KEY_FILE']", "IOError")[0], "'fallback'");
    assert_eq!(read("'secret.txt'", "OSError")[0], "'fallback'");
    // A handler that does not catch FileNotFoundError is not taken.
    assert!(read("'/run/secrets/k'", "KeyError")[0].starts_with("<unknown"));
}

#[test]
fn a_variable_set_to_a_value_not_shown_compares_unknown_with_strings() {
    // A required variable (or one a deployment sets to a secret) holds some string: maybe the
    // one compared with, never None or a number. It once compared unequal to every literal, so
    // a helper raising on any other spelling was taken to raise (babybuddy's strtobool).
    let required = "import os\nA = os.environ['A']\n";
    assert!(value(&format!("{required}X = A == 'yes'\n"), &[]).starts_with('<'));
    assert!(value(&format!("{required}X = A in ('y', 'yes')\n"), &[]).starts_with('<'));
    assert!(value(&format!("{required}X = A != 'no'\n"), &[]).starts_with('<'));
    assert_eq!(value(&format!("{required}X = A == None\n"), &[]), "False");
    assert_eq!(value(&format!("{required}X = A == 1\n"), &[]), "False");
    assert_eq!(value(&format!("{required}X = A == A\n"), &[]), "True");
    let raising = "def strtobool(val):\n    if val in ('y', 'yes'):\n        return 1\n    else:\n        raise ValueError(val)\n\nX = strtobool(A)\n";
    assert!(value(&format!("{required}{raising}"), &[]).starts_with('<'));
}
