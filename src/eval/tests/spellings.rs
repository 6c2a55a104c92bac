//! Two spellings of a variable that an evaluation's reads put together (`eval::spellings`) give
//! exactly the same evaluation: each settings module below is evaluated under every probed
//! spelling of `DEBUG`, and for every pair the evaluation under the first says it cannot tell
//! apart, everything the two evaluations hold must be identical, origins and dependencies of
//! values included. Each case also says how many spellings it puts together, so that the test
//! cannot pass by confusing none.

use std::collections::{BTreeMap, BTreeSet};

use crate::eval::spellings::PROBES;
use crate::eval::{Evaluation, Scenario, Settings, evaluate};
use crate::resolve::Project;

/// Everything an evaluation holds, as text: every binding with its value's debug form (kind,
/// origin, variables), sorted, and what it recorded.
fn described(evaluation: &Evaluation) -> String {
    let mut bindings: Vec<String> = evaluation
        .namespace
        .bindings
        .iter()
        .map(|(name, binding)| format!("{name} = {:?} @{:?}", binding.value, binding.site))
        .collect();
    bindings.sort();
    let mut imported: Vec<String> = evaluation
        .imported_by
        .iter()
        .map(|(file, span)| format!("{file:?}<-{span:?}"))
        .collect();
    imported.sort();
    format!(
        "{}\nopaque {:?}\nwrites {:?}\nexecution {:?}\noptional {:?}\nread {:?}\nconsulted {:?}\ncompared {:?}\ndiagnostics {:?}\nimported {imported:?}\ndotenv {:?}",
        bindings.join("\n"),
        evaluation.namespace.opaque,
        evaluation.env_writes,
        evaluation.code_execution,
        evaluation.optional_imports,
        evaluation.read,
        evaluation.consulted,
        evaluation.compared,
        evaluation.diagnostics,
        evaluation.dotenv,
    )
}

/// Evaluates `source` (as `settings.py`) with `DEBUG` set to each probed spelling and `OTHER` to
/// 'x'; asserts that every pair of spellings the evaluations put together evaluates alike, and
/// returns the pairs of different spellings put together.
fn confused(source: &str) -> BTreeSet<(&'static str, &'static str)> {
    confused_in(source, None, "DEBUG")
}

/// [`confused`] for the settings class `class` of the module, probing `var`.
fn confused_in(
    source: &str,
    class: Option<&str>,
    var: &str,
) -> BTreeSet<(&'static str, &'static str)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.py"), source).unwrap();
    let root = dir.path().canonicalize().unwrap();
    let mut project = Project::new(vec![root.clone()], root.clone());
    let module = project.load(&root.join("settings.py")).unwrap();
    let settings = Settings {
        module,
        class: class.map(str::to_string),
    };
    let evaluations: Vec<Evaluation> = PROBES
        .iter()
        .map(|spelling| {
            let vars = BTreeMap::from([
                (var.to_string(), spelling.to_string()),
                ("OTHER".to_string(), "x".to_string()),
            ]);
            evaluate(&project, &settings, &Scenario::with_vars(vars))
        })
        .collect();
    let mut pairs = BTreeSet::new();
    for (ran, evaluation) in PROBES.iter().zip(&evaluations) {
        assert!(evaluation.consulted.contains(var), "{source}");
        for (other, theirs) in PROBES.iter().zip(&evaluations) {
            if ran == other || !evaluation.spellings.agree(var, ran, other) {
                continue;
            }
            assert_eq!(
                described(evaluation),
                described(theirs),
                "{var}={ran:?} and {var}={other:?} put together in\n{source}"
            );
            pairs.insert((*ran, *other));
        }
    }
    pairs
}

/// How many spellings fall in each group of spellings put together, largest first.
fn groups(pairs: &BTreeSet<(&'static str, &'static str)>) -> Vec<usize> {
    let mut sizes: Vec<usize> = PROBES
        .iter()
        .map(|p| 1 + pairs.iter().filter(|(ran, _)| ran == p).count())
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    let mut result = Vec::new();
    let mut index = 0;
    while index < sizes.len() {
        result.push(sizes[index]);
        index += sizes[index];
    }
    result
}

#[test]
fn django_environ_booleans() {
    // django-environ: 'ok', 'y', 'yes', 'true', 'on' and non-zero integers are true; '' is false.
    let plain = "import environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', default=False)\nX = [DEBUG, env('OTHER')]\nif DEBUG:\n    X.append('debug')\n";
    assert_eq!(groups(&confused(plain)), vec![7, 5]);
    // Smart casting from the default, and a scheme given to `Env`.
    let smart = "import environ\nenv = environ.Env()\nDEBUG = env('DEBUG', default=True)\n";
    assert_eq!(groups(&confused(smart)), vec![7, 5]);
    let scheme = "import environ\nenv = environ.Env(DEBUG=(bool, False))\nDEBUG = env('DEBUG')\n";
    assert_eq!(groups(&confused(scheme)), vec![7, 5]);
    // With a `None` default, the empty text reads as None: a group of its own.
    let none =
        "import environ\nenv = environ.Env()\nDEBUG = env('DEBUG', cast=bool, default=None)\n";
    assert_eq!(groups(&confused(none)), vec![6, 5, 1]);
    // A text default equal to the text leaves it uncast: nothing is put together.
    let text =
        "import environ\nenv = environ.Env()\nDEBUG = env('DEBUG', cast=bool, default='False')\n";
    assert!(confused(text).is_empty());
}

#[test]
fn python_decouple_booleans() {
    let plain = "from decouple import config\nDEBUG = config('DEBUG', default=False, cast=bool)\n";
    assert_eq!(groups(&confused(plain)), vec![7, 5]);
    // Without `cast=bool` the text itself is the value.
    let text = "from decouple import config\nDEBUG = config('DEBUG', default='False')\n";
    assert!(confused(text).is_empty());
}

#[test]
fn django_configurations_booleans() {
    let source = "from configurations import Configuration, values\n\nclass Prod(Configuration):\n    DEBUG = values.BooleanValue(False)\n";
    // django-configurations takes the empty text as false but rejects 'on' and 'off'
    // (ValueError): each a group of its own.
    assert_eq!(
        groups(&confused_in(source, Some("Prod"), "DJANGO_DEBUG")),
        vec![6, 4, 1, 1]
    );
}

#[test]
fn text_read_only_to_be_compared() {
    // The comparison's result is all the evaluation gets of the text.
    let lowered =
        "import os\nDEBUG = os.getenv('DEBUG', '').lower() in ('1', 'true', 'yes')\nX = [DEBUG]\n";
    assert_eq!(groups(&confused(lowered)), vec![8, 4]);
    let equal = "import os\nDEBUG = os.environ.get('DEBUG', 'False') == 'True'\n";
    assert_eq!(groups(&confused(equal)), vec![11, 1]);
    let stripped = "import os\nDEBUG = os.getenv('DEBUG').strip().upper() not in ['', '0', 'FALSE', 'NO', 'OFF']\n";
    assert_eq!(groups(&confused(stripped)), vec![7, 5]);
    // Compared in two places: both must agree.
    let twice = "import os\nDEBUG = os.getenv('DEBUG') == 'True'\nVERBOSE = os.getenv('DEBUG') in ('1', 'True')\n";
    assert_eq!(groups(&confused(twice)), vec![10, 1, 1]);
}

#[test]
fn a_variable_whose_text_is_read_is_never_confused() {
    // Kept as text, or compared with what is not a literal, or handed to a function.
    let kept = "import os\nLABEL = os.getenv('DEBUG', '')\nDEBUG = LABEL == 'True'\n";
    assert!(confused(kept).is_empty());
    let named = "import os\nON = ('1', 'true')\nDEBUG = os.getenv('DEBUG', '').lower() in ON\n";
    assert!(confused(named).is_empty());
    let wrapped = "import os\nDEBUG = str(os.getenv('DEBUG', '')) == 'True'\n";
    assert!(confused(wrapped).is_empty());
    let sliced = "import os\nDEBUG = os.getenv('DEBUG', '')[:1] == 'T'\n";
    assert!(confused(sliced).is_empty());
    // Read once as a boolean and once as text: the text decides.
    let both = "import os\nimport environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', default=False)\nLABEL = os.environ.get('DEBUG')\n";
    assert!(confused(both).is_empty());
    let setdefault = "import os\nimport environ\nos.environ.setdefault('DEBUG', 'True')\nenv = environ.Env()\nDEBUG = env.bool('DEBUG')\n";
    assert!(confused(setdefault).is_empty());
}
