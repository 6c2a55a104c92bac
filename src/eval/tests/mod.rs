//! The evaluator on small modules written to a temporary folder: each test states the Python
//! semantics it checks, with the value CPython gives. The helpers are here, the tests in one file
//! per topic.

use std::collections::BTreeMap;

use super::value::Kind;
use super::{Evaluation, Scenario, evaluate};
use crate::resolve::Project;

mod environment;
mod expressions;
mod global_statement;
mod imports;
mod module_cache;
mod module_objects;
mod mutation;
mod spellings;
mod statements;

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
