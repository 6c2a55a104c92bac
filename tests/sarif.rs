//! `--output-format sarif`: the dblood log as a snapshot; every fixture's log valid against the
//! OASIS SARIF 2.1.0 schema (Python `jsonschema`, tests/sarif_validate.py) and clean under
//! Microsoft's SARIF Multitool with GitHub's rules; the properties GitHub relies on.
//!
//! The validators are external programs that `.ci/run` installs and names in
//! `DJSAFE_TEST_PYTHON` and `DJSAFE_TEST_SARIF_MULTITOOL`. Without them the schema test falls
//! back to `python3` (and fails, saying so, if it lacks `jsonschema`); the Multitool test is
//! skipped locally when the tool is missing, but fails in CI (`CI=true`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::djsafe;
use serde_json::Value;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The rules the snapshot and the exact assertions were written against: selecting them keeps
/// those tests about the SARIF format, not about which rules exist. The schema, Multitool and
/// GitHub checks run every fixture with the default rules, so every rule's metadata is validated.
const BASE: &str = "DJS001,DJS002,DJS003";

/// Fixtures covering results, import chains, deployment notes and every kind of notification.
const FIXTURES: &[&str] = &[
    "dblood",
    "star-chain-three-levels",
    "settings-init-selector",
    "dockerfile-env",
    "compose-staging",
    "syntax-error",
    "missing-module",
    "import-cycle",
    "non-utf8",
    "empty-project",
    "secure-settings",
    // Findings in requirements files, and a pinned Django release in the run's properties.
    "pinned-django",
    // Unused suppressions (DJS048), and a legacy project's findings in a Dockerfile and a
    // hash-pinned requirement, each result with its partialFingerprints.
    "adoption/stale-noqa",
    "adoption/legacy",
];

/// A fixture's folder: under testdata/projects, or under testdata when the name has a `/`.
fn fixture_path(project: &str) -> String {
    if project.contains('/') {
        format!("testdata/{project}")
    } else {
        format!("testdata/projects/{project}")
    }
}

fn sarif(args: &[&str]) -> (i32, String) {
    let mut full = vec!["check"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--output-format", "sarif"]);
    let run = djsafe(&full);
    assert!(
        run.code == 0 || run.code == 1,
        "djsafe failed: {}",
        run.stderr
    );
    (run.code, run.stdout)
}

/// A fixture's log with every rule: the default ones and the opt-in `unused-noqa`.
fn fixture_sarif(project: &str) -> String {
    sarif(&[&fixture_path(project), "--extend-select", "unused-noqa"]).1
}

/// A fixture's log with the `BASE` rules.
fn fixture_sarif_base(project: &str) -> String {
    sarif(&[&format!("testdata/projects/{project}"), "--select", BASE]).1
}

/// `djsafe rules --output-format json`: every rule's id, in catalogue order.
fn rule_ids() -> Vec<String> {
    let run = djsafe(&["rules", "--output-format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    parse(&run.stdout)
        .as_array()
        .expect("a list of rules")
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn parse(log: &str) -> Value {
    serde_json::from_str(log).expect("the SARIF output is JSON")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Writes each fixture's SARIF log into `dir`, returning the paths.
fn write_logs(dir: &Path) -> Vec<PathBuf> {
    FIXTURES
        .iter()
        .map(|project| {
            let path = dir.join(format!("{}.sarif", project.replace('/', "-")));
            std::fs::write(&path, fixture_sarif(project)).unwrap();
            path
        })
        .collect()
}

#[test]
fn staging_deployed_sarif_snapshot() {
    let (code, log) = sarif(&["testdata/projects/staging-deployed", "--select", BASE]);
    assert_eq!(code, 1, "findings exit 1 in SARIF mode too");
    assert!(
        !log.contains(MANIFEST_DIR) && !log.contains("file://"),
        "no absolute paths in the log"
    );
    let version = format!("\"semanticVersion\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(log.contains(&version));
    let log = log.replace(&version, "\"semanticVersion\": \"[version]\"");
    insta::assert_snapshot!("staging-deployed.sarif", log);
}

#[test]
fn exit_codes_are_unchanged_in_sarif_mode() {
    assert_eq!(
        sarif(&["testdata/projects/dblood", "--exit-zero"]).0,
        0,
        "--exit-zero"
    );
    assert_eq!(
        sarif(&["testdata/projects/secure-settings", "--select", BASE]).0,
        0
    );
}

#[test]
fn output_is_deterministic() {
    for project in ["dblood", "star-chain-three-levels"] {
        assert_eq!(fixture_sarif(project), fixture_sarif(project), "{project}");
    }
}

/// What GitHub code scanning reads, checked on every fixture's log.
#[test]
fn logs_have_what_github_needs() {
    let every_rule = rule_ids();
    for project in FIXTURES {
        let log = parse(&fixture_sarif(project));
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(
            log["$schema"],
            "https://json.schemastore.org/sarif-2.1.0.json"
        );
        let runs = log["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "djsafe");
        assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
        assert!(
            driver["informationUri"]
                .as_str()
                .unwrap()
                .starts_with("https://")
        );
        let rules = driver["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, every_rule, "every enabled rule");
        for rule in rules {
            let tags = rule["properties"]["tags"].as_array().unwrap();
            assert!(tags.iter().any(|t| t == "security") && tags.len() <= 20);
            let score: f64 = rule["properties"]["security-severity"]
                .as_str()
                .expect("security-severity is a string")
                .parse()
                .unwrap();
            assert!(score > 0.0 && score <= 10.0);
            for field in ["shortDescription", "fullDescription"] {
                let text = rule[field]["text"].as_str().unwrap();
                assert!(!text.is_empty() && text.chars().count() <= 1024);
            }
            assert!(rule["name"].as_str().unwrap().len() <= 255);
            assert!(!rule["help"]["text"].as_str().unwrap().contains("## "));
            assert!(rule["help"]["markdown"].as_str().unwrap().contains("## "));
            assert!(rule["helpUri"].as_str().unwrap().starts_with("https://"));
            let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
            assert!(["error", "warning", "note"].contains(&level));
        }
        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], true);
        let mut keys = Vec::new();
        for result in run["results"].as_array().unwrap() {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"], "{project}: ruleIndex");
            let location = &result["locations"][0]["physicalLocation"];
            keys.push((result["ruleId"].clone(), location.clone()));
            let message = result["message"]["text"].as_str().unwrap();
            assert!(message.contains(". "), "{project}: a title sentence first");
            // GitHub tracks the alert across commits by its fingerprint.
            let print = result["partialFingerprints"]["djsafe/v1"].as_str().unwrap();
            assert!(
                print.len() == 16 && print.bytes().all(|b| b.is_ascii_hexdigit()),
                "{project}: {print}"
            );
            for related in result["relatedLocations"].as_array().into_iter().flatten() {
                let link = format!("]({})", related["id"]);
                assert!(message.contains(&link), "{project}: {link} in {message}");
            }
        }
        let all_locations = run["results"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| {
                r["locations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .chain(r["relatedLocations"].as_array().into_iter().flatten())
            })
            .chain(
                invocation["toolExecutionNotifications"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|n| n["locations"].as_array().into_iter().flatten()),
            );
        for location in all_locations {
            let physical = &location["physicalLocation"];
            let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
            assert!(
                !uri.is_empty() && !uri.starts_with("./") && !uri.starts_with('/'),
                "{project}: relative URI {uri}"
            );
            assert!(
                !uri.contains('\\') && !uri.contains(':'),
                "{project}: {uri}"
            );
            assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            let region = &physical["region"];
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                if let Some(n) = region.get(key) {
                    assert!(n.as_u64().unwrap() >= 1, "{project}: {key} is 1-based");
                }
            }
        }
        let unique: std::collections::BTreeSet<String> =
            keys.iter().map(|k| format!("{k:?}")).collect();
        assert_eq!(
            unique.len(),
            keys.len(),
            "{project}: one result per rule and location"
        );
    }
}

#[test]
fn a_line_reached_from_several_modules_is_one_result() {
    let log = parse(&fixture_sarif_base("star-chain-three-levels"));
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let result = &results[0];
    assert_eq!(result["level"], "error");
    let modules: Vec<&str> = result["properties"]["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["module"].as_str().unwrap())
        .collect();
    assert_eq!(
        modules,
        ["shopfront.settings.live", "shopfront.settings.production"]
    );
    assert_eq!(result["properties"]["profile"], "production");
    assert_eq!(result["properties"]["scenario"], "always");
    // The two chains share `production.py`'s import: two related locations, not three.
    let related = result["relatedLocations"].as_array().unwrap();
    let ids: Vec<u64> = related.iter().map(|r| r["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(related[1]["message"]["text"], "from .base import *");
}

#[test]
fn the_deployment_that_sets_the_environment_is_a_related_location() {
    let log = parse(&fixture_sarif_base("dblood"));
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "DJS001");
    let related = &result["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "Dockerfile"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 5);
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .contains("[Dockerfile:5](1) sets DEBUG='False'")
    );
}

/// A log's driver rule ids, in order, and every result's `(ruleIndex, ruleId)`.
fn rules_and_indices(log: &Value) -> (Vec<String>, Vec<(u64, String)>) {
    let run = &log["runs"][0];
    let ids = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let results = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleIndex"].as_u64().unwrap(),
                r["ruleId"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (ids, results)
}

#[test]
fn the_rule_list_and_indices_follow_select_and_ignore() {
    // The selected rules, less the ignored one.
    let (_, log) = sarif(&[
        "testdata/projects/staging-deployed",
        "--select",
        BASE,
        "--ignore",
        "DJS001",
    ]);
    let (ids, results) = rules_and_indices(&parse(&log));
    assert_eq!(ids, ["DJS002", "DJS003"]);
    let mut seen: Vec<&str> = results.iter().map(|r| r.1.as_str()).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen, ["DJS002", "DJS003"]);
    for (index, id) in &results {
        let expected = if id == "DJS002" { 0 } else { 1 };
        assert_eq!(*index, expected, "{id}");
    }

    // Every rule of the catalogue, less the ignored one, in catalogue order.
    let (_, log) = sarif(&[
        "testdata/projects/staging-deployed",
        "--ignore",
        "DJS001",
        "--extend-select",
        "unused-noqa",
    ]);
    let (ids, results) = rules_and_indices(&parse(&log));
    let expected: Vec<String> = rule_ids().into_iter().filter(|id| id != "DJS001").collect();
    assert_eq!(ids, expected);
    assert_eq!(ids[..2], ["DJS002", "DJS003"]);
    assert!(!results.is_empty());
    for (index, id) in &results {
        assert_ne!(id, "DJS001");
        let position = expected.iter().position(|e| e == id).unwrap();
        assert_eq!(*index, position as u64, "{id}");
    }
}

#[test]
fn diagnostics_are_tool_execution_notifications() {
    let log = parse(&fixture_sarif("syntax-error"));
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "warning");
    assert_eq!(notification["descriptor"]["id"], "parse-error");
    let location = &notification["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "forum/settings/production.py"
    );
    assert_eq!(location["region"]["startLine"], 6);
    // `no-settings` is about the argument, not a file: no location.
    let log = parse(&fixture_sarif("empty-project"));
    let notification = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(notification["descriptor"]["id"], "no-settings");
    assert!(notification.get("locations").is_none());
}

/// The Python that runs tests/sarif_validate.py: .ci/run's virtual environment, else `python3`.
fn python() -> (String, bool) {
    match std::env::var("DJSAFE_TEST_PYTHON") {
        Ok(python) if !python.is_empty() => (python, true),
        _ => ("python3".to_string(), false),
    }
}

fn validate_with_schema(logs: &[PathBuf]) -> std::process::Output {
    let (python, configured) = python();
    let mut command = Command::new(&python);
    command.arg(Path::new(MANIFEST_DIR).join("tests/sarif_validate.py"));
    if configured || in_ci() {
        command.arg("--require-uri-format");
    }
    command
        .arg(Path::new(MANIFEST_DIR).join("tests/schemas/sarif-schema-2.1.0.json"))
        .args(logs);
    let output = command.output().unwrap_or_else(|e| {
        panic!("cannot run {python} for the SARIF schema validation (set DJSAFE_TEST_PYTHON, or run .ci/run): {e}")
    });
    if output.status.code() == Some(3) {
        panic!(
            "SARIF schema validation needs Python's jsonschema: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    output
}

#[test]
fn logs_are_valid_against_the_sarif_schema() {
    let dir = tempfile::tempdir().unwrap();
    let logs = write_logs(dir.path());
    let output = validate_with_schema(&logs);
    assert!(
        output.status.success(),
        "SARIF schema validation failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );

    // The validator does reject what the schema forbids.
    let mut bad = parse(&fixture_sarif("dblood"));
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    bad["runs"][0]["results"][1]["message"] = Value::Null;
    let bad_path = dir.path().join("bad.sarif");
    std::fs::write(&bad_path, bad.to_string()).unwrap();
    let output = validate_with_schema(&[bad_path]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("startLine"), "{stdout}");
}

#[test]
fn the_vendored_schema_is_the_official_one() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(MANIFEST_DIR).join("tests/schemas/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        schema["id"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    // CI lays shared/ beside the clone; when it is there, the copy must match it.
    let shared = Path::new(MANIFEST_DIR).join("../shared/schemas/sarif-schema-2.1.0.json");
    if let Ok(text) = std::fs::read_to_string(shared) {
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), schema);
    }
}

fn multitool() -> Option<PathBuf> {
    let path = match std::env::var("DJSAFE_TEST_SARIF_MULTITOOL") {
        Ok(path) if !path.is_empty() => PathBuf::from(path),
        _ => Path::new(MANIFEST_DIR)
            .join("target/ci/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"),
    };
    if path.is_file() {
        return Some(path);
    }
    let message = format!(
        "the SARIF Multitool is not at {} (run .ci/run, or set DJSAFE_TEST_SARIF_MULTITOOL)",
        path.display()
    );
    assert!(!in_ci(), "{message}");
    eprintln!("skipping: {message}");
    None
}

/// Runs `Sarif.Multitool validate` with GitHub's rules (GHxxxx) and SARIF's own (SARIFxxxx) at
/// error and warning level on `logs`, returning what it reports as `level rule file: message`.
/// The Multitool always exits 0: its findings are read from its output log.
fn multitool_problems(multitool: &Path, dir: &Path, logs: &[PathBuf]) -> Vec<String> {
    let out = dir.join("multitool-report.json");
    let _ = std::fs::remove_file(&out);
    let output = Command::new(multitool)
        .args([
            "validate",
            "--rule-kind",
            "Sarif;Gh",
            "--level",
            "Error;Warning",
            "-o",
        ])
        .arg(&out)
        .args(logs)
        .current_dir(dir)
        .output()
        .expect("the SARIF Multitool runs");
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "the Multitool wrote no report ({e}):\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let report: Value = serde_json::from_str(&text).expect("the Multitool's report is JSON");
    report["runs"][0]["results"]
        .as_array()
        .expect("the Multitool's report has results")
        .iter()
        .map(|r| {
            let file = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or("?")
                .rsplit('/')
                .next()
                .unwrap_or("?")
                .to_string();
            format!(
                "{} {} {file}: {}",
                r["level"], r["ruleId"], r["message"]["arguments"]
            )
        })
        .collect()
}

#[test]
fn logs_are_clean_under_the_sarif_multitool_with_githubs_rules() {
    let Some(multitool) = multitool() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let logs = write_logs(dir.path());
    let problems = multitool_problems(&multitool, dir.path(), &logs);
    assert!(
        problems.is_empty(),
        "the SARIF Multitool reports:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_multitool_check_catches_what_github_rejects() {
    let Some(multitool) = multitool() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut bad = parse(&fixture_sarif("dblood"));
    bad["runs"][0]["results"][0]["locations"] = Value::Array(Vec::new());
    let log = dir.path().join("bad.sarif");
    std::fs::write(&log, bad.to_string()).unwrap();
    let problems = multitool_problems(&multitool, dir.path(), &[log]);
    assert!(
        problems.iter().any(|p| p.contains("GH1015")),
        "{problems:?}"
    );
}
