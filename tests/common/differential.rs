//! Comparing what `djsafe explain --format json` knows of a settings module with what CPython
//! computes when it imports the module (through tests/differential/import_settings.py): the
//! fixture differential test and the generated-package test share it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use super::djsafe;
use super::python::{Server, production_value};

/// The settings of a module CPython imported: the repr of each one whose repr is deterministic,
/// and the names of all of them.
pub struct Imported {
    pub settings: BTreeMap<String, String>,
    pub names: BTreeSet<String>,
}

/// What importing `module` in CPython gave, or `Err((message, missing required variable))`.
pub fn cpython(
    server: &mut Server,
    root: &Path,
    module: &str,
    env: &BTreeMap<String, String>,
) -> Result<Imported, (String, Option<String>)> {
    let result = server.request(&serde_json::json!({"root": root, "module": module, "env": env}));
    match result.get("settings") {
        Some(settings) => Ok(Imported {
            settings: serde_json::from_value(settings.clone()).unwrap(),
            names: serde_json::from_value(result["names"].clone()).unwrap(),
        }),
        None => Err((
            result["error"].as_str().unwrap_or_default().to_string(),
            result["missing"].as_str().map(str::to_string),
        )),
    }
}

pub fn djsafe_explain(root: &Path, module: &str, env: &BTreeMap<String, String>) -> Value {
    let root = root.to_str().unwrap();
    let mut args = vec![
        "explain".to_string(),
        module.to_string(),
        "--path".into(),
        root.into(),
        "--format".into(),
        "json".into(),
        "--no-probes".into(),
    ];
    for (k, v) in env {
        args.push("--env".into());
        args.push(format!("{k}={v}"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = djsafe(&args);
    assert_eq!(run.code, 0, "explain failed: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("explain prints JSON")
}

/// The variables the settings of an explanation read.
pub fn reads(explained: &Value) -> BTreeSet<String> {
    explained["settings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["reads"].as_array().unwrap().iter())
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[derive(Default)]
pub struct Tally {
    pub compared: usize,
    pub resolved: usize,
    pub mismatches: Vec<String>,
}

pub fn compare(
    python: &mut Server,
    root: &Path,
    module: &str,
    scenario: &str,
    env: BTreeMap<String, String>,
    tally: &mut Tally,
) -> bool {
    compare_with(python, root, module, scenario, env, None, tally)
}

/// [`compare`], given djsafe's explanation under `env` when the caller already has it (it is
/// reused only when CPython needs no variable set beyond `env`).
pub fn compare_with(
    python: &mut Server,
    root: &Path,
    module: &str,
    scenario: &str,
    mut env: BTreeMap<String, String>,
    explained: Option<Value>,
    tally: &mut Tally,
) -> bool {
    let given = env.clone();
    // Variables the settings require (`os.environ['X']`) must be set for the import to succeed.
    let python = loop {
        match cpython(python, root, module, &env) {
            Ok(settings) => break settings,
            Err((_, Some(missing))) if !env.contains_key(&missing) => {
                env.insert(missing.clone(), production_value(&missing));
            }
            // A module that does not import under CPython (a deliberate syntax error, a cycle,
            // a hostile spelling that makes the settings raise) has nothing to compare.
            Err(_) => return false,
        }
    };
    let explained = match explained {
        Some(explained) if env == given => explained,
        _ => djsafe_explain(root, module, &env),
    };
    let ours: BTreeMap<String, &Value> = explained["settings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().to_string(), s))
        .collect();
    for (name, setting) in &ours {
        // A setting djsafe knows must exist: one CPython never defines is as wrong as a value.
        if setting["known"] == Value::Bool(true) && !python.names.contains(name) {
            tally.mismatches.push(format!(
                "{module} [{scenario}] {name}: CPython has no such setting, djsafe {}",
                setting["value"]
            ));
        }
    }
    for (name, theirs) in &python.settings {
        tally.compared += 1;
        let Some(setting) = ours.get(name) else {
            // Names djsafe knows may come from code it cannot see are unknown, not missing.
            if !explained["opaque"].is_null() {
                continue;
            }
            tally.mismatches.push(format!(
                "{module} [{scenario}] {name}: CPython has {theirs}, djsafe has no such setting"
            ));
            continue;
        };
        if setting["known"] == Value::Bool(false) {
            continue;
        }
        tally.resolved += 1;
        if setting["value"].as_str() != Some(theirs.as_str()) {
            tally.mismatches.push(format!(
                "{module} [{scenario}] {name}: CPython {theirs}, djsafe {}",
                setting["value"]
            ));
        }
    }
    true
}
