//! Differential tests: every fixture settings module is imported by real CPython (with the
//! configuration libraries installed, see tests/requirements.txt) under several environments, and
//! each setting's repr is compared with what `djsafe explain --format json` says. A setting djsafe
//! calls unknown is skipped; any other difference fails. The proportion of settings djsafe
//! resolved is printed, to watch it grow.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::differential::{Tally, compare, djsafe_explain};
use common::djsafe;
use common::python::{Server, production_value};
use serde_json::Value;

/// Settings modules of a fixture project, as `djsafe check` discovers them.
fn modules_of(project: &Path) -> Vec<String> {
    let run = djsafe(&[
        "check",
        project.to_str().unwrap(),
        "--output-format",
        "json",
        "--exit-zero",
    ]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    report["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["module"].as_str().unwrap().to_string())
        .collect()
}

/// The folder of a project that `module` imports from: where its top package lives.
fn import_root(project: &Path, module: &str) -> PathBuf {
    let top = module.split('.').next().unwrap();
    walk(project)
        .into_iter()
        .find(|dir| dir.join(top).is_dir() || dir.join(format!("{top}.py")).is_file())
        .unwrap_or(project.to_path_buf())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < dirs.len() {
        let mut children: Vec<PathBuf> = std::fs::read_dir(&dirs[i])
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        children.sort();
        dirs.extend(children);
        i += 1;
    }
    dirs
}

/// Settings that import a local module the repository does not contain fail in CPython with
/// ModuleNotFoundError naming it, and djsafe says so, naming the same module.
#[test]
fn a_missing_local_module_fails_in_cpython_as_djsafe_says() {
    let mut python = Server::start("tests/differential/import_settings.py");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/projects/local-settings-unconditional");
    let answer =
        common::differential::cpython(&mut python, &root, "tracker.settings", &BTreeMap::new());
    let Err((error, _)) = answer else {
        panic!("CPython imported settings whose local_settings module does not exist");
    };
    assert!(
        error.starts_with("ModuleNotFoundError") && error.contains("tracker.local_settings"),
        "{error}"
    );
    let explained = djsafe_explain(&root, "tracker.settings", &BTreeMap::new());
    let diagnostics = explained["diagnostics"].to_string();
    assert!(
        diagnostics.contains("cannot resolve module `.local_settings`")
            && diagnostics.contains("raises ModuleNotFoundError"),
        "{diagnostics}"
    );
    // What the star import may override is unknown; what comes after it is known.
    let known: BTreeMap<String, bool> = explained["settings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["known"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(!known["DEBUG"]);
    assert!(!known["SECRET_KEY"]);
    assert!(known["STATIC_ROOT"]);
}

#[test]
fn settings_match_cpython_in_every_scenario() {
    let mut tally = Tally::default();
    let mut python = Server::start("tests/differential/import_settings.py");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut projects: Vec<PathBuf> = ["projects", "idioms", "soundness"]
        .iter()
        .filter_map(|group| std::fs::read_dir(base.join(group)).ok())
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    projects.sort();
    for project in &projects {
        for module in modules_of(project) {
            let root = import_root(project, &module);
            let reads: Vec<String> = djsafe_explain(&root, &module, &BTreeMap::new())["settings"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|s| {
                    s["reads"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap().to_string())
                        .collect::<Vec<_>>()
                })
                .collect();
            let mut imported = compare(
                &mut python,
                &root,
                &module,
                "unset",
                BTreeMap::new(),
                &mut tally,
            );
            let production = reads
                .iter()
                .map(|v| (v.clone(), production_value(v)))
                .collect();
            imported |= compare(
                &mut python,
                &root,
                &module,
                "production-like",
                production,
                &mut tally,
            );
            for hostile in ["false", "0", "off", ""] {
                let env = reads
                    .iter()
                    .map(|v| (v.clone(), hostile.to_string()))
                    .collect();
                imported |= compare(
                    &mut python,
                    &root,
                    &module,
                    &format!("all variables {hostile:?}"),
                    env,
                    &mut tally,
                );
            }
            // Every idiom fixture must import in CPython, or it tests nothing.
            if !imported
                && project
                    .parent()
                    .is_some_and(|group| group.ends_with("idioms") || group.ends_with("soundness"))
            {
                tally.mismatches.push(format!(
                    "{module}: CPython could not import it in any scenario"
                ));
            }
        }
    }
    println!(
        "differential: {} of {} settings resolved ({:.1}%), {} projects",
        tally.resolved,
        tally.compared,
        100.0 * tally.resolved as f64 / tally.compared.max(1) as f64,
        projects.len()
    );
    assert!(
        tally.compared > 0,
        "nothing was compared: is the test python able to import the fixtures?"
    );
    assert!(
        tally.mismatches.is_empty(),
        "djsafe disagrees with CPython:\n{}",
        tally.mismatches.join("\n")
    );
}
