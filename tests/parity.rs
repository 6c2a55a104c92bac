//! Parity with Django: for every rule fixture (testdata/rules/<ID>/<case>/settings.py), real
//! Django 5.2 runs its own deployment checks on the settings CPython produces, and the set of
//! check ids it reports must equal the set djsafe reports through the rules that mirror them
//! (each rule's `django_check`; a rule that mirrors a family, such as DJS023 for W010/W011/W012,
//! names the one that applies in the finding's notes; ids the settings' SILENCED_SYSTEM_CHECKS
//! lists are left out on both sides, as `check --deploy` leaves them out). Checks Django 5.2
//! does not have (mail.E001 is new in 6.1) are left out, and so are fixtures that pin an older
//! Django release (see `pins_older_django`).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::djsafe;
use common::python::{Server, production_value};
use serde_json::Value;

/// The ids of the checks tests/parity/django_checks.py runs.
const COMPARED: &[&str] = &[
    "security.W001",
    "security.W002",
    "security.W003",
    "security.W004",
    "security.W005",
    "security.W006",
    "security.W008",
    "security.W009",
    "security.W010",
    "security.W011",
    "security.W012",
    "security.W013",
    "security.W014",
    "security.W015",
    "security.W016",
    "security.W018",
    "security.W019",
    "security.W020",
    "security.W021",
    "security.W022",
    "security.E023",
    "security.E024",
    "security.W025",
    "caches.W002",
    "async.E001",
];

/// Rule id → the Django checks it mirrors.
fn mirrored_checks() -> BTreeMap<String, Vec<String>> {
    let rules: Vec<Value> =
        serde_json::from_str(&djsafe(&["rules", "--output-format", "json"]).stdout).unwrap();
    rules
        .iter()
        .map(|r| {
            let checks: Vec<String> = r["django_check"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect();
            (r["id"].as_str().unwrap().to_string(), checks)
        })
        .filter(|(_, checks)| !checks.is_empty())
        .collect()
}

/// The Django check a finding stands for: its rule's only one, or the one of its rule's family
/// that the finding's notes name (`... (Django's security.W010)`).
fn check_of(finding: &Value, mirrored: &BTreeMap<String, Vec<String>>) -> Option<String> {
    let checks = mirrored.get(finding["rule"].as_str()?)?;
    if let [only] = checks.as_slice() {
        return Some(only.clone());
    }
    let notes: Vec<&str> = finding["notes"]
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let named: Vec<&String> = checks
        .iter()
        .filter(|c| notes.iter().any(|n| n.contains(&format!("Django's {c}"))))
        .collect();
    match named.as_slice() {
        [one] => Some(one.to_string()),
        _ => panic!("{finding:#}: the notes must name exactly one of {checks:?}"),
    }
}

/// The variables a fixture's Dockerfile sets with `ENV KEY=VALUE` (continuation lines joined):
/// the process environment Django's checks run in, as in that deployment.
fn dockerfile_env(dir: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(dir.join("Dockerfile"))
        .unwrap_or_default()
        .replace("\\\n", " ");
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("ENV "))
        .flat_map(|assignments| assignments.split_whitespace())
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), v.trim_matches(['"', '\'']).to_string()))
        .filter(|(k, _)| k != "DJANGO_SETTINGS_MODULE")
        .collect()
}

fn django_ids(
    server: &mut Server,
    dir: &Path,
) -> Option<(BTreeSet<String>, BTreeMap<String, String>)> {
    let mut env = dockerfile_env(dir);
    loop {
        let answer =
            server.request(&serde_json::json!({"root": dir, "module": "settings", "env": env}));
        if let Some(ids) = answer["ids"].as_array() {
            let ids = ids
                .iter()
                .map(|i| i.as_str().unwrap().to_string())
                .collect();
            return Some((ids, env));
        }
        match answer["missing"].as_str() {
            // A required variable: set it as a deployment would, on both sides.
            Some(var) if !env.contains_key(var) => {
                env.insert(var.to_string(), production_value(var));
            }
            _ => panic!(
                "{}: Django could not load the settings: {}",
                dir.display(),
                answer["error"]
            ),
        }
    }
}

fn djsafe_ids(
    dir: &Path,
    env: &BTreeMap<String, String>,
    mirrored: &BTreeMap<String, Vec<String>>,
) -> BTreeSet<String> {
    let mut args = vec![
        "check".to_string(),
        dir.to_str().unwrap().to_string(),
        "--output-format".into(),
        "json".into(),
        "--exit-zero".into(),
    ];
    for (k, v) in env {
        args.push("--env".into());
        args.push(format!("{k}={v}"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let report: Value = serde_json::from_str(&djsafe(&args).stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| check_of(f, mirrored))
        .collect()
}

/// The Django release the parity checks run.
const PARITY_RELEASE: (u32, u32) = (5, 2);

/// Whether djsafe lints the fixture with the defaults of a Django release older than the one the
/// parity checks run, because a dependency file in it pins that release. Defaults changed before
/// 5.2 (X_FRAME_OPTIONS was 'SAMEORIGIN' and SECURE_CONTENT_TYPE_NOSNIFF False before 3.0,
/// SECURE_REFERRER_POLICY None before 3.1), so such a fixture (DJS012/bad-django-2-2) is meant
/// to disagree with Django 5.2; tests/rules.rs checks it instead.
fn pins_older_django(dir: &Path) -> bool {
    let run = djsafe(&[
        "check",
        dir.to_str().unwrap(),
        "--output-format",
        "json",
        "--exit-zero",
    ]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let django = &report["django"];
    if django["source"].is_null() {
        return false;
    }
    let version = django["version"].as_str().unwrap();
    let (major, minor) = version.split_once('.').unwrap();
    (major.parse::<u32>().unwrap(), minor.parse::<u32>().unwrap()) < PARITY_RELEASE
}

fn rule_fixtures() -> Vec<PathBuf> {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&base)
        .unwrap()
        .flat_map(|rule| {
            std::fs::read_dir(rule.unwrap().path())
                .into_iter()
                .flatten()
        })
        .map(|case| case.unwrap().path())
        .filter(|case| case.join("settings.py").is_file())
        .filter(|case| !pins_older_django(case))
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn djsafe_reports_what_django_reports() {
    let mirrored = mirrored_checks();
    let compared: BTreeSet<&str> = COMPARED.iter().copied().collect();
    let mut server = Server::start("tests/parity/django_checks.py");
    let mut mismatches = Vec::new();
    let fixtures = rule_fixtures();
    for dir in &fixtures {
        let Some((django, env)) = django_ids(&mut server, dir) else {
            continue;
        };
        let django: BTreeSet<String> = django
            .into_iter()
            .filter(|id| compared.contains(id.as_str()) || id.starts_with("crash:"))
            .collect();
        let ours: BTreeSet<String> = djsafe_ids(dir, &env, &mirrored)
            .into_iter()
            .filter(|id| compared.contains(id.as_str()))
            .collect();
        if django != ours {
            let name = dir
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(dir)
                .display();
            mismatches.push(format!("{name}: Django {django:?}, djsafe {ours:?}"));
        }
    }
    println!(
        "parity: {} fixtures compared with Django's deployment checks",
        fixtures.len()
    );
    assert!(
        fixtures.len() >= 25,
        "parity needs at least 25 fixtures, found {}",
        fixtures.len()
    );
    assert!(
        mismatches.is_empty(),
        "djsafe and Django disagree:\n{}",
        mismatches.join("\n")
    );
}
