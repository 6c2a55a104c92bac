//! A module kept by `module_cache` and reused in another evaluation gives exactly what evaluating
//! it again gives: each settings module below is evaluated once with a shared cache and once
//! without, and everything the evaluations record must be the same.

use std::collections::BTreeMap;

use crate::eval::{Evaluation, ModuleCache, Scenario, Settings, evaluate, evaluate_with};
use crate::resolve::Project;

/// What an evaluation gives, as text: every binding's repr (sorted), and what it recorded.
fn described(evaluation: &Evaluation) -> String {
    let mut bindings: Vec<String> = evaluation
        .namespace
        .bindings
        .iter()
        .map(|(name, binding)| format!("{name} = {} @{:?}", binding.value, binding.site))
        .collect();
    bindings.sort();
    let writes: Vec<String> = evaluation
        .env_writes
        .iter()
        .map(|w| format!("{}={} @{:?}", w.var, w.value, w.span))
        .collect();
    let mut imported: Vec<String> = evaluation
        .imported_by
        .iter()
        .map(|(file, span)| format!("{file:?}<-{span:?}"))
        .collect();
    imported.sort();
    format!(
        "{}\nwrites {writes:?}\nread {:?}\nconsulted {:?}\ncompared {:?}\ndiagnostics {:?}\nimported {imported:?}\ndotenv {:?}",
        bindings.join("\n"),
        evaluation.read,
        evaluation.consulted,
        evaluation.compared,
        evaluation.diagnostics,
        evaluation.dotenv,
    )
}

/// Writes `files` into a temp folder, then evaluates each `(entry, variables)` in order, with
/// one cache for all and without it; asserts they agree and returns how many modules the cache
/// gave.
fn reused(files: &[(&str, &str)], runs: &[(&str, &[(&str, &str)])]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    for (path, source) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, source).unwrap();
    }
    let root = dir.path().canonicalize().unwrap();
    let mut project = Project::new(vec![root.clone()], root.clone());
    let entries: Vec<usize> = runs
        .iter()
        .map(|(entry, _)| project.load(&root.join(entry)).unwrap())
        .collect();
    let cache = ModuleCache::default();
    for ((entry, env), module) in runs.iter().zip(entries) {
        let scenario = Scenario::with_vars(
            env.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
        );
        let settings = Settings::module(module);
        let fresh = evaluate(&project, &settings, &scenario);
        let cached = evaluate_with(&project, &settings, &scenario, Some(&cache));
        assert_eq!(
            described(&cached),
            described(&fresh),
            "{entry} with {env:?}"
        );
    }
    cache.reused()
}

const BASE: &str = "\
import os
DEBUG = os.getenv('DJANGO_DEBUG', '') == 'true'
APPS = ['core']
ALIAS = APPS
MIDDLEWARE = {'security': True}
";

#[test]
fn importers_that_change_a_shared_base_in_place_each_see_only_their_own_changes() {
    let files = [
        ("site/__init__.py", ""),
        ("site/base.py", BASE),
        (
            "site/production.py",
            "from .base import *\nAPPS.append('prod')\nMIDDLEWARE['production'] = DEBUG\n",
        ),
        (
            "site/staging.py",
            "from .base import *\nAPPS += ['staging']\nDEBUG = True\n",
        ),
    ];
    // Staging gets production's evaluation of the base, as it was before production changed
    // its list (and `ALIAS` is still the list `APPS` is: CPython gives
    // ['core', 'staging'] for both).
    let runs: [(&str, &[(&str, &str)]); 2] =
        [("site/production.py", &[]), ("site/staging.py", &[])];
    assert_eq!(reused(&files, &runs), 1);
}

#[test]
fn a_base_is_reused_only_under_the_values_it_read() {
    let files = [
        ("site/__init__.py", ""),
        ("site/base.py", BASE),
        ("site/production.py", "from .base import *\n"),
        (
            "site/staging.py",
            "from .base import *\nimport os\nX = os.getenv('OTHER')\n",
        ),
    ];
    let runs: [(&str, &[(&str, &str)]); 4] = [
        ("site/production.py", &[]),
        // The base reads DJANGO_DEBUG: evaluated again.
        ("site/staging.py", &[("DJANGO_DEBUG", "true")]),
        // It does not read OTHER: reused.
        ("site/staging.py", &[("OTHER", "1")]),
        (
            "site/production.py",
            &[("DJANGO_DEBUG", "true"), ("OTHER", "2")],
        ),
    ];
    assert_eq!(reused(&files, &runs), 2);
}

#[test]
fn what_a_reused_base_writes_to_the_environment_is_written_again() {
    let files = [
        ("site/__init__.py", ""),
        (
            "site/base.py",
            "import os\nos.environ.setdefault('MODE', 'production')\nos.environ['FORCED'] = 'yes'\nNAMES = ['a']\n",
        ),
        (
            "site/production.py",
            "from .base import *\nimport os\nMODE = os.getenv('MODE')\nFORCED = os.environ['FORCED']\n",
        ),
        (
            "site/staging.py",
            "from .base import *\nimport os\nMODE = os.getenv('MODE', 'none')\n",
        ),
    ];
    let runs: [(&str, &[(&str, &str)]); 3] = [
        ("site/production.py", &[]),
        ("site/staging.py", &[]),
        ("site/staging.py", &[("MODE", "staging")]),
    ];
    assert_eq!(reused(&files, &runs), 1);
}

#[test]
fn a_module_imported_after_another_is_not_kept() {
    // In production, `second` reads the list of `first`, imported before it: its evaluation
    // depends on a module it did not run, so it is not kept.
    let files = [
        ("site/__init__.py", ""),
        ("site/first.py", "APPS = ['a']\n"),
        (
            "site/second.py",
            "from .first import APPS\nAPPS.append('b')\nMORE = APPS\n",
        ),
        (
            "site/production.py",
            "from .first import *\nfrom .second import *\n",
        ),
        ("site/staging.py", "from .second import *\n"),
    ];
    // Staging's first evaluation reuses `first` (kept by production) but runs `second`, which
    // it imports first; its second evaluation reuses `second`, with `first` inside it.
    let runs: [(&str, &[(&str, &str)]); 3] = [
        ("site/production.py", &[]),
        ("site/staging.py", &[]),
        ("site/staging.py", &[("UNREAD", "1")]),
    ];
    assert_eq!(reused(&files, &runs), 2);
}

#[test]
fn a_reused_base_that_wrote_a_copy_of_the_environment_is_seen_to_have_written_it() {
    // `ENV` is a copy of os.environ that base writes to; production reads it after reusing
    // base: CPython gives 'yes' (the copy base wrote), so djsafe must not read the scenario's
    // variable through it (unknown, as when base runs again).
    let files = [
        ("site/__init__.py", ""),
        (
            "site/base.py",
            "import os\nENV = os.environ.copy()\nENV['FORCED'] = 'yes'\nNAMES = ['a']\n",
        ),
        (
            "site/production.py",
            "from .base import *\nFORCED = ENV.get('FORCED', 'no')\n",
        ),
        ("site/staging.py", "from .base import *\n"),
    ];
    let runs: [(&str, &[(&str, &str)]); 2] =
        [("site/staging.py", &[]), ("site/production.py", &[])];
    assert_eq!(reused(&files, &runs), 1);
}
