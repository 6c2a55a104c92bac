//! The fixes of the mission rules (DJS001-DJS003), on the fixture projects of testdata/fixes/,
//! each in every way a user drives them:
//!
//! - `check --diff --unsafe-fixes` prints a unified diff (a snapshot), exits 1 and changes nothing;
//! - `check --fix` without `--unsafe-fixes` changes nothing and says how many fixes it holds back;
//! - `check --fix --unsafe-fixes` rewrites the files: the findings it fixed are gone when djsafe
//!   lints them again, another run has nothing left to fix, and real CPython (with Django and the
//!   configuration libraries, tests/requirements.txt) imports every fixed settings module with
//!   the values the fix promises: DEBUG off unless its variable says true, no `'*'` in
//!   ALLOWED_HOSTS, SECRET_KEY required from the environment. djsafe's own evaluation of the
//!   fixed modules (`djsafe explain`) agrees with CPython on every value it knows.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::fixtures::copy_dir;
use common::python::{Server, production_value};
use common::{Run, djsafe_in};
use serde_json::Value;

/// Every file of a folder, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                found.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

/// A finding that carries a fix: its rule, module, the variable the fix reads (the first quoted
/// name in its edits), and the variables its scenario sets (`DJANGO_ENV='production'` when the
/// value holds in that branch).
#[derive(Debug, Clone, PartialEq)]
struct Fixable {
    rule: String,
    module: String,
    variable: String,
    scenario: BTreeMap<String, String>,
}

/// `VAR='value'` parts of a scenario label (`ENVIRONMENT='qa', SECRET_KEY unset`).
fn scenario_env(label: &str) -> BTreeMap<String, String> {
    label
        .split(", ")
        .filter_map(|part| {
            let (var, value) = part.split_once('=')?;
            Some((var.to_string(), value.trim_matches(['\'', '"']).to_string()))
        })
        .collect()
}

/// How many findings each (rule, module) has.
fn counts(report: &Value) -> BTreeMap<(String, String), usize> {
    let mut counts = BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        let key = (
            f["rule"].as_str().unwrap().to_string(),
            f["module"].as_str().unwrap().to_string(),
        );
        *counts.entry(key).or_default() += 1;
    }
    counts
}

/// Each fixed finding is gone: every (rule, module) has as many findings fewer as it had fixes.
fn assert_fixed(before: &Value, after: &Value, fixable: &[Fixable], what: &str) {
    let (before, after) = (counts(before), counts(after));
    for fix in fixable {
        let key = (fix.rule.clone(), fix.module.clone());
        let fixed = fixable
            .iter()
            .filter(|f| f.rule == fix.rule && f.module == fix.module)
            .count();
        assert_eq!(
            after.get(&key).copied().unwrap_or(0),
            before[&key] - fixed,
            "{what}: {fix:?} is still reported after the fix"
        );
    }
}

fn fixables(report: &Value) -> Vec<Fixable> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["fix"].is_null())
        .map(|f| {
            assert_eq!(f["fix"]["applicability"], "unsafe", "{f:#}");
            let content: String = f["fix"]["edits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["content"].as_str().unwrap())
                .collect();
            Fixable {
                rule: f["rule"].as_str().unwrap().to_string(),
                module: f["module"].as_str().unwrap().to_string(),
                variable: first_quoted(&content).unwrap_or_default(),
                scenario: scenario_env(f["scenario"].as_str().unwrap()),
            }
        })
        .collect()
}

fn first_quoted(text: &str) -> Option<String> {
    let start = text.find(['\'', '"'])?;
    let quote = text[start..].chars().next()?;
    let rest = &text[start + 1..];
    Some(rest[..rest.find(quote)?].to_string())
}

fn reported_modules(report: &Value) -> Vec<String> {
    report["modules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["reported"] == true)
        .map(|m| m["module"].as_str().unwrap().to_string())
        .collect()
}

/// CPython's settings for `module`, or the import error.
fn cpython(
    server: &mut Server,
    root: &Path,
    module: &str,
    env: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, String> {
    let answer = server.request(&serde_json::json!({"root": root, "module": module, "env": env}));
    match answer.get("settings") {
        Some(settings) => Ok(serde_json::from_value(settings.clone()).unwrap()),
        None => Err(answer["error"].as_str().unwrap_or_default().to_string()),
    }
}

/// `cpython`, setting each variable the module requires with `os.environ['X']` (as a deployment
/// would) until it imports; the variables set are added to `env`.
fn cpython_deployed(
    server: &mut Server,
    root: &Path,
    module: &str,
    env: &mut BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, String> {
    for _ in 0..20 {
        let answer =
            server.request(&serde_json::json!({"root": root, "module": module, "env": env}));
        if let Some(settings) = answer.get("settings") {
            return Ok(serde_json::from_value(settings.clone()).unwrap());
        }
        match answer["missing"].as_str() {
            Some(var) if !env.contains_key(var) => {
                env.insert(var.to_string(), production_value(var));
            }
            _ => return Err(answer["error"].as_str().unwrap_or_default().to_string()),
        }
    }
    Err("too many required variables".into())
}

/// Checks what the fixed `module` does in CPython, for each fix applied to it, in the environment
/// of the fix's scenario; then that djsafe's evaluation of the module agrees with CPython.
fn check_in_cpython(server: &mut Server, root: &Path, module: &str, fixed: &[Fixable]) {
    // The SECRET_KEY fixes first: the variables they make required stay set for the others.
    let mut required: BTreeMap<String, String> = BTreeMap::new();
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    let ordered = fixed
        .iter()
        .filter(|f| f.rule == "DJS003")
        .chain(fixed.iter().filter(|f| f.rule != "DJS003"));
    for fix in ordered {
        env = fix.scenario.clone();
        for (var, value) in &required {
            if *var != fix.variable {
                env.entry(var.clone()).or_insert_with(|| value.clone());
            }
        }
        check_fix(server, root, module, fix, &mut env);
        if fix.rule == "DJS003" {
            required.insert(fix.variable.clone(), production_value(&fix.variable));
        }
    }
    let settings = cpython_deployed(server, root, module, &mut env)
        .unwrap_or_else(|e| panic!("{module}: the fixed module does not import in CPython: {e}"));
    let mut args = vec![
        "explain".to_string(),
        module.to_string(),
        "--path".into(),
        root.to_str().unwrap().into(),
        "--format".into(),
        "json".into(),
    ];
    for (k, v) in &env {
        args.extend(["--env".into(), format!("{k}={v}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let explained = json(&djsafe_in(root, &args));
    for setting in explained["settings"].as_array().unwrap() {
        let name = setting["name"].as_str().unwrap();
        if setting["known"] == false {
            continue;
        }
        if let Some(theirs) = settings.get(name) {
            assert_eq!(
                setting["value"].as_str(),
                Some(theirs.as_str()),
                "{module}: djsafe and CPython disagree on {name} after the fix"
            );
        }
    }
}

/// What one fix promises, in CPython, from `env` (its scenario's variables; the variables it sets
/// are added).
fn check_fix(
    server: &mut Server,
    root: &Path,
    module: &str,
    fix: &Fixable,
    env: &mut BTreeMap<String, String>,
) {
    // SECRET_KEY is required now: without its variable the module does not import.
    if fix.rule == "DJS003" {
        let mut without = env.clone();
        let error = loop {
            match cpython(server, root, module, &without) {
                Ok(_) => panic!("{module}: the fixed module must require {}", fix.variable),
                Err(error) => {
                    // Another variable the settings require: set it, as a deployment does.
                    let other = error
                        .strip_prefix("KeyError: '")
                        .and_then(|rest| rest.strip_suffix('\''))
                        .filter(|var| *var != fix.variable && !without.contains_key(*var));
                    match other {
                        Some(var) => {
                            without.insert(var.to_string(), production_value(var));
                        }
                        None => break error,
                    }
                }
            }
        };
        assert!(
            error.contains(&fix.variable),
            "{module}: importing without {} fails for another reason: {error}",
            fix.variable
        );
        *env = without;
        env.insert(fix.variable.clone(), production_value(&fix.variable));
    }
    let settings = cpython_deployed(server, root, module, env)
        .unwrap_or_else(|e| panic!("{module}: the fixed module does not import in CPython: {e}"));
    match fix.rule.as_str() {
        "DJS001" => {
            assert_eq!(
                settings["DEBUG"], "False",
                "{module}: DEBUG with {} unset",
                fix.variable
            );
            for (spelling, on) in [
                ("false", false),
                ("False", false),
                ("0", false),
                ("off", false),
                ("no", false),
                ("", false),
                ("true", true),
                ("True", true),
                ("1", true),
                ("yes", true),
                ("on", true),
            ] {
                let mut set = env.clone();
                set.insert(fix.variable.clone(), spelling.to_string());
                let debug = cpython_deployed(server, root, module, &mut set)
                    .unwrap_or_else(|e| panic!("{module} with {spelling:?}: {e}"))["DEBUG"]
                    .clone();
                let expected = if on { "True" } else { "False" };
                assert_eq!(debug, expected, "{module}: {}={spelling:?}", fix.variable);
            }
        }
        "DJS002" => {
            let hosts = &settings["ALLOWED_HOSTS"];
            assert!(!hosts.contains("'*'"), "{module}: ALLOWED_HOSTS is {hosts}");
        }
        "DJS003" => {
            assert_eq!(
                settings["SECRET_KEY"],
                format!("'{}'", production_value(&fix.variable)),
                "{module}: SECRET_KEY comes from {}",
                fix.variable
            );
        }
        other => panic!("unexpected fix for {other}"),
    }
}

fn fixture(name: &str) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/fixes")
        .join(name);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_dir(&source, dir);
    let original = files(dir);
    let check = |args: &[&str]| {
        let mut all = vec!["check", "."];
        all.extend_from_slice(args);
        djsafe_in(dir, &all)
    };

    let before = json(&check(&["--output-format", "json", "--exit-zero"]));
    let fixable = fixables(&before);
    let n = fixable.len();
    let problems = |n: usize| {
        if n == 1 {
            "1 problem".to_string()
        } else {
            format!("{n} problems")
        }
    };

    // --diff: the diff, and nothing written.
    let diff = check(&["--diff", "--unsafe-fixes"]);
    insta::assert_snapshot!(format!("{name}.diff"), diff.stdout);
    if n == 0 {
        assert_eq!(diff.code, 0, "{}", diff.stderr);
        assert_eq!(diff.stderr, "No fixes available.\n");
        assert_eq!(diff.stdout, "");
    } else {
        assert_eq!(diff.code, 1, "{}", diff.stderr);
        assert_eq!(diff.stderr, format!("Would fix {}.\n", problems(n)));
    }
    assert!(files(dir) == original, "--diff changed files");

    // --fix alone: djsafe's fixes are unsafe, so it says how many it holds back.
    let held = check(&["--fix", "--output-format", "json"]);
    if n > 0 {
        let fixes = if n == 1 {
            "1 fix".to_string()
        } else {
            format!("{n} fixes")
        };
        assert_eq!(
            held.stderr,
            format!("No problems fixed ({fixes} available with `--unsafe-fixes`).\n")
        );
    }
    assert!(
        files(dir) == original,
        "--fix without --unsafe-fixes changed files"
    );

    // --fix --unsafe-fixes: written, then linted again.
    let fixed_run = check(&["--fix", "--unsafe-fixes", "--output-format", "json"]);
    let after = json(&fixed_run);
    if n > 0 {
        assert_eq!(fixed_run.stderr, format!("Fixed {}.\n", problems(n)));
        assert!(files(dir) != original, "nothing was written");
    }
    assert_fixed(&before, &after, &fixable, name);
    // The diff showed exactly what was written: each of its lines is in the fixed files.
    let written: String = files(dir)
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    for line in diff.stdout.lines() {
        if let Some(added) = line.strip_prefix('+').filter(|l| !l.starts_with("++")) {
            assert!(
                written.contains(added),
                "the diff's `{added}` was not written"
            );
        }
    }
    // Nothing is left to fix.
    let again = check(&["--diff", "--unsafe-fixes"]);
    assert_eq!(again.stdout, "", "a second run still finds fixes");

    let mut server = Server::start("tests/differential/import_settings.py");
    for module in reported_modules(&after) {
        let fixed: Vec<Fixable> = fixable
            .iter()
            .filter(|f| f.module == module)
            .cloned()
            .collect();
        check_in_cpython(&mut server, dir, &module, &fixed);
    }
}

macro_rules! fixtures {
    ($($test:ident => $dir:literal,)*) => {
        $(#[test] fn $test() { fixture($dir); })*

        #[test]
        fn every_fix_fixture_has_a_test() {
            let mut on_disk: Vec<String> =
                std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/fixes"))
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
            on_disk.sort();
            let mut tested = vec![$($dir.to_string()),*];
            tested.sort();
            assert_eq!(on_disk, tested);
        }
    };
}

fixtures! {
    getenv => "getenv",
    environ => "environ",
    django_environ => "django-environ",
    decouple => "decouple",
    literal_secret => "literal-secret",
    dev_module => "dev-module",
}

/// Every fix djsafe offers on the other fixture projects (constructs, idioms, adoption) is
/// checked the same way: applied to a copy, the finding is gone, and each settings module that
/// imported in CPython before still does, with the values the fix promises.
#[test]
fn every_fix_on_every_fixture_project() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut projects: Vec<PathBuf> = ["projects", "idioms", "adoption"]
        .iter()
        .flat_map(|group| std::fs::read_dir(base.join(group)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    projects.sort();
    let mut server = Server::start("tests/differential/import_settings.py");
    let mut checked = 0;
    for project in &projects {
        let report = json(&djsafe_in(
            project,
            &["check", ".", "--output-format", "json", "--exit-zero"],
        ));
        let fixable = fixables(&report);
        if fixable.is_empty() {
            continue;
        }
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        copy_dir(project, dir);
        // The modules CPython imports before the fix (some fixtures are broken on purpose).
        let modules: Vec<String> = reported_modules(&report)
            .into_iter()
            .filter(|m| cpython_deployed(&mut server, dir, m, &mut BTreeMap::new()).is_ok())
            .collect();
        let run = djsafe_in(
            dir,
            &[
                "check",
                ".",
                "--fix",
                "--unsafe-fixes",
                "--output-format",
                "json",
            ],
        );
        assert!(
            run.stderr.contains("Fixed "),
            "{}: {}",
            project.display(),
            run.stderr
        );
        let after = json(&run);
        assert_fixed(&report, &after, &fixable, &project.display().to_string());
        for module in modules {
            let fixed: Vec<Fixable> = fixable
                .iter()
                .filter(|f| f.module == module)
                .cloned()
                .collect();
            check_in_cpython(&mut server, dir, &module, &fixed);
            checked += fixed.len();
        }
    }
    println!("fixes: {checked} fixes checked in CPython on the fixture projects");
    assert!(checked >= 15, "only {checked} fixes were checked");
}

#[test]
fn no_fix_in_a_development_module() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/fixes/dev-module");
    let report = json(&djsafe_in(
        &dir,
        &[
            "check",
            ".",
            "--output-format",
            "json",
            "--select",
            "DJS003",
        ],
    ));
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report:#}");
    assert_eq!(findings[0]["file"], "wiki/settings/local.py");
    assert_eq!(findings[0]["module"], "wiki.settings.production");
    assert!(findings[0]["fix"].is_null(), "{:#}", findings[0]);
}
