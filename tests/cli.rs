//! The command line as a user drives it: exit codes, rule selection, output formats and files,
//! `--settings`/`--profile`/`--env`, colour, determinism, `# noqa`, configuration files, the
//! `rules`/`rule` commands, several paths, and inputs that must not stop a run.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::fixtures::copy_dir;
use common::{Run, djsafe, djsafe_in};
use serde_json::Value;
use tempfile::TempDir;

/// dblood with its staging module deployed (`staging.Dockerfile` serves it with gunicorn): the
/// command-line tests need both a production and a staging module with findings.
const DBLOOD: &str = "testdata/projects/staging-deployed";
const LONE: &str = "testdata/projects/lone-settings";
const SECURE: &str = "testdata/projects/secure-settings";

/// The rules these tests were written against. Tests that assert exact findings select them
/// explicitly, so that rules added later (which also fire on the fixtures) do not change what a
/// test about the command line's behaviour sees.
const BASE: &str = "DJS001,DJS002,DJS003";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Parses a run's stdout as djsafe's JSON report.
fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        )
    })
}

/// Runs `djsafe check ARGS --output-format json` from `dir`, returning the run and its report.
fn check_json_in(dir: &Path, args: &[&str]) -> (Run, Value) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--output-format", "json"]);
    let run = djsafe_in(dir, &all);
    let report = json(&run);
    (run, report)
}

fn check_json(args: &[&str]) -> (Run, Value) {
    check_json_in(repo(), args)
}

/// `(rule, severity, file, line)` of every finding, in report order.
fn findings(report: &Value) -> Vec<(String, String, String, u64)> {
    report["findings"]
        .as_array()
        .expect("findings is a list")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn finding(rule: &str, severity: &str, file: &str, line: u64) -> (String, String, String, u64) {
    (rule.into(), severity.into(), file.into(), line)
}

fn rules_of(report: &Value) -> Vec<String> {
    findings(report).into_iter().map(|f| f.0).collect()
}

/// The dblood findings of the `BASE` rules with no other options: production's fail-open DEBUG,
/// staging's three.
fn dblood_findings() -> Vec<(String, String, String, u64)> {
    vec![
        finding("DJS001", "error", "dblood/settings/production.py", 5),
        finding("DJS003", "warning", "dblood/settings/staging.py", 2),
        finding("DJS001", "warning", "dblood/settings/staging.py", 3),
        finding("DJS002", "warning", "dblood/settings/staging.py", 4),
    ]
}

fn module<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["modules"]
        .as_array()
        .expect("modules is a list")
        .iter()
        .find(|m| m["module"] == name)
        .unwrap_or_else(|| panic!("module {name} in {report:#}"))
}

fn diagnostics(report: &Value) -> &Vec<Value> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics is a list")
}

/// Copies a fixture project into a fresh temporary folder; returns the folder and the copy.
fn copy_project(src: &str) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("project");
    copy_dir(&repo().join(src), &dest);
    (tmp, dest)
}

/// `djsafe rules --output-format json`: the catalogue of every rule.
fn rules_catalogue() -> Vec<Value> {
    let run = djsafe(&["rules", "--output-format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run).as_array().expect("a list of rules").clone()
}

/// The id of every rule, in catalogue order.
fn rule_ids() -> Vec<String> {
    rules_catalogue()
        .iter()
        .map(|r| r["id"].as_str().expect("id is a string").to_string())
        .collect()
}

fn has_ansi(text: &str) -> bool {
    text.contains("\x1b[")
}

// ---------------------------------------------------------------------------------------------
// 1. Exit codes

#[test]
fn findings_exit_1() {
    let run = djsafe(&["check", DBLOOD, "--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("Found 4 problems"), "{}", run.stdout);
}

#[test]
fn clean_project_exits_0() {
    let (run, report) = check_json(&[SECURE, "--select", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(findings(&report), vec![]);
    assert_eq!(module(&report, "blog.settings")["reported"], true);
}

#[test]
fn exit_zero_turns_findings_into_0() {
    let (run, report) = check_json(&[DBLOOD, "--select", BASE, "--exit-zero"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The findings are still reported.
    assert_eq!(findings(&report), dblood_findings());
}

#[test]
fn nonexistent_path_exits_2() {
    let run = djsafe(&["check", "testdata/projects/no-such-project"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no-such-project"),
        "the error names the path: {}",
        run.stderr
    );
}

#[test]
fn unknown_rule_exits_2() {
    let run = djsafe(&["check", DBLOOD, "--select", "DJS999"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("DJS999"), "{}", run.stderr);
    assert_eq!(run.stdout, "", "no report when djsafe cannot run");
    let run = djsafe(&["check", DBLOOD, "--ignore", "no-such-rule"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such-rule"), "{}", run.stderr);
}

#[test]
fn malformed_env_exits_2() {
    let run = djsafe(&["check", DBLOOD, "--env", "NOEQUALS"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("NOEQUALS"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn exit_zero_never_hides_errors() {
    for args in [
        &["check", "testdata/projects/no-such-project", "--exit-zero"][..],
        &["check", DBLOOD, "--select", "DJS999", "--exit-zero"],
        &["check", DBLOOD, "--env", "NOEQUALS", "--exit-zero"],
        &["check", DBLOOD, "--settings", "nope.mod", "--exit-zero"],
    ] {
        let run = djsafe(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
}

#[test]
fn unwritable_output_file_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("missing-dir").join("report.txt");
    let run = djsafe(&["check", DBLOOD, "-o", target.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("report.txt"), "{}", run.stderr);
}

#[test]
fn default_path_is_the_working_directory() {
    let (run, report) = check_json_in(&repo().join(DBLOOD), &["--select", BASE]);
    assert_eq!(run.code, 1);
    assert_eq!(findings(&report), dblood_findings());
}

// ---------------------------------------------------------------------------------------------
// 2. Rule selection

#[test]
fn select_keeps_only_that_rule() {
    let (run, report) = check_json(&[DBLOOD, "--select", "DJS001"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        findings(&report),
        vec![
            finding("DJS001", "error", "dblood/settings/production.py", 5),
            finding("DJS001", "warning", "dblood/settings/staging.py", 3),
        ]
    );
}

#[test]
fn ignore_by_name_removes_that_rule() {
    let (run, report) = check_json(&[DBLOOD, "--select", BASE, "--ignore", "debug-enabled"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        findings(&report),
        vec![
            finding("DJS003", "warning", "dblood/settings/staging.py", 2),
            finding("DJS002", "warning", "dblood/settings/staging.py", 4),
        ]
    );
    // With the default rules, it removes exactly that rule's findings and no others.
    let (_, all) = check_json(&[DBLOOD]);
    let (_, ignored) = check_json(&[DBLOOD, "--ignore", "debug-enabled"]);
    let expected: Vec<_> = findings(&all)
        .into_iter()
        .filter(|f| f.0 != "DJS001")
        .collect();
    assert!(expected.len() < findings(&all).len());
    assert_eq!(findings(&ignored), expected);
}

#[test]
fn comma_separated_rule_lists() {
    let (_, report) = check_json(&[DBLOOD, "--select", "DJS001,allowed-hosts-wildcard"]);
    assert_eq!(rules_of(&report), ["DJS001", "DJS001", "DJS002"]);

    let (_, report) = check_json(&[
        DBLOOD,
        "--select",
        BASE,
        "--ignore",
        "DJS001,hardcoded-secret-key",
    ]);
    assert_eq!(rules_of(&report), ["DJS002"]);

    // Ignoring every rule leaves nothing to report: exit 0.
    let every_rule = rule_ids().join(",");
    let (run, report) = check_json(&[DBLOOD, "--ignore", &every_rule]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(findings(&report), vec![]);
    // Ignoring every selected rule, too.
    let (run, report) = check_json(&[DBLOOD, "--select", BASE, "--ignore", BASE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(findings(&report), vec![]);
}

#[test]
fn select_and_ignore_combine() {
    let (_, report) = check_json(&[DBLOOD, "--select", "DJS001,DJS002", "--ignore", "DJS001"]);
    assert_eq!(rules_of(&report), ["DJS002"]);
}

// ---------------------------------------------------------------------------------------------
// 3. JSON output

#[test]
fn json_shape() {
    let (run, report) = check_json(&[DBLOOD, "--select", BASE]);
    assert_eq!(run.code, 1);
    let mut keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        ["diagnostics", "django", "findings", "modules", "version"]
    );
    assert_eq!(report["version"], 1);
    // dblood's requirements.txt pins Django 3.2, whose defaults djsafe used.
    assert_eq!(
        report["django"],
        serde_json::json!({"version": "3.2", "source": "requirements.txt:1"})
    );
    assert_eq!(diagnostics(&report), &Vec::<Value>::new());

    let finding_keys = [
        "chain",
        "column",
        "end_column",
        "end_line",
        "file",
        "line",
        "message",
        "module",
        "name",
        "notes",
        "profile",
        "rule",
        "scenario",
        "severity",
    ];
    let all = report["findings"].as_array().unwrap();
    assert_eq!(all.len(), 4);
    for f in all {
        let obj = f.as_object().unwrap();
        for key in finding_keys {
            assert!(obj.contains_key(key), "finding lacks {key}: {f:#}");
        }
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(f[key].as_u64().unwrap() >= 1, "{key} is 1-based: {f:#}");
        }
        for key in ["rule", "name", "severity", "module", "profile", "file"] {
            assert!(f[key].is_string(), "{key} is a string: {f:#}");
        }
        assert!(!f["message"].as_str().unwrap().is_empty());
        assert!(!f["scenario"].as_str().unwrap().is_empty());
        let chain = f["chain"].as_array().unwrap();
        assert!(!chain.is_empty(), "chain ends at the setting line: {f:#}");
        for link in chain {
            let mut link_keys: Vec<&str> = link
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            link_keys.sort();
            assert_eq!(link_keys, ["file", "line", "text"], "{link:#}");
        }
        // The last link is the line the finding points at.
        let last = chain.last().unwrap();
        assert_eq!(last["file"], f["file"]);
        assert_eq!(last["line"], f["line"]);
        assert!(f["notes"].as_array().unwrap().iter().all(Value::is_string));
    }

    assert_eq!(findings(&report), dblood_findings());

    let production = &all[0];
    assert_eq!(production["name"], "debug-enabled");
    assert_eq!(production["module"], "dblood.settings.production");
    assert_eq!(production["profile"], "production");
    assert_eq!(production["column"], 9);
    assert_eq!(production["end_line"], 5);
    assert_eq!(production["end_column"], 46);
    assert_eq!(production["scenario"], "DEBUG unset");
    assert_eq!(
        production["chain"][0]["text"],
        "DEBUG = os.getenv('DEBUG', 'True') != 'False'"
    );
    assert!(
        production["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("Dockerfile:5 sets DEBUG='False'"),
        "{production:#}"
    );
    for staging in &all[1..] {
        assert_eq!(staging["module"], "dblood.settings.staging");
        assert_eq!(staging["profile"], "staging");
    }
    assert_eq!(all[2]["scenario"], "always");

    let modules = report["modules"].as_array().unwrap();
    assert_eq!(modules.len(), 2);
    let production = module(&report, "dblood.settings.production");
    assert_eq!(production["profile"], "production");
    assert_eq!(production["file"], "dblood/settings/production.py");
    assert_eq!(production["reported"], true);
    let reason = production["profile_reason"].as_str().unwrap();
    assert!(reason.contains("Dockerfile:4"), "{reason}");
    assert!(!reason.contains("staging.Dockerfile"), "{reason}");
    let staging = module(&report, "dblood.settings.staging");
    assert_eq!(staging["profile"], "staging");
    assert_eq!(staging["file"], "dblood/settings/staging.py");
    assert_eq!(staging["reported"], true);
    let reason = staging["profile_reason"].as_str().unwrap();
    assert!(reason.contains("staging.Dockerfile"), "{reason}");
}

fn raw_djsafe(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_djsafe"));
    command
        .args(args)
        .current_dir(repo())
        .env_remove("FORCE_COLOR")
        .env_remove("NO_COLOR")
        .env_remove("DJSAFE_OUTPUT_FORMAT");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("the djsafe binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "djsafe panicked: {stderr}");
    output
}

#[test]
fn output_format_from_environment() {
    let output = raw_djsafe(
        &["check", DBLOOD, "--select", BASE],
        &[("DJSAFE_OUTPUT_FORMAT", "json"), ("NO_COLOR", "1")],
    );
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON from the env var");
    assert_eq!(report["version"], 1);
    assert_eq!(findings(&report), dblood_findings());

    // The flag wins over the environment.
    let output = raw_djsafe(
        &["check", DBLOOD, "--output-format", "text"],
        &[("DJSAFE_OUTPUT_FORMAT", "json"), ("NO_COLOR", "1")],
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("Django defaults: 3.2 (pinned in requirements.txt:1)\nSettings modules:"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Output file

#[test]
fn output_file_gets_the_report_and_stdout_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let text_path = tmp.path().join("report.txt");
    let run = djsafe(&[
        "check",
        DBLOOD,
        "--select",
        BASE,
        "-o",
        text_path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(&text_path).unwrap();
    assert_eq!(written, djsafe(&["check", DBLOOD, "--select", BASE]).stdout);

    let json_path = tmp.path().join("report.json");
    let run = djsafe(&[
        "check",
        DBLOOD,
        "--select",
        BASE,
        "--output-format",
        "json",
        "--output-file",
        json_path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(findings(&report), dblood_findings());
}

// ---------------------------------------------------------------------------------------------
// 5. --settings and --profile

#[test]
fn settings_lints_only_that_module_as_production() {
    let (run, report) = check_json(&[
        DBLOOD,
        "--select",
        BASE,
        "--settings",
        "dblood.settings.staging",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let modules = report["modules"].as_array().unwrap();
    assert_eq!(modules.len(), 1, "{report:#}");
    assert_eq!(modules[0]["module"], "dblood.settings.staging");
    assert_eq!(modules[0]["profile"], "production");
    let reason = modules[0]["profile_reason"].as_str().unwrap();
    assert!(reason.contains("--settings"), "{reason}");
    assert_eq!(
        findings(&report),
        vec![
            finding("DJS003", "error", "dblood/settings/staging.py", 2),
            finding("DJS001", "error", "dblood/settings/staging.py", 3),
            finding("DJS002", "error", "dblood/settings/staging.py", 4),
        ]
    );
}

#[test]
fn settings_with_profile_staging() {
    let (run, report) = check_json(&[
        DBLOOD,
        "--select",
        BASE,
        "--settings",
        "dblood.settings.staging",
        "--profile",
        "staging",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let staging = module(&report, "dblood.settings.staging");
    assert_eq!(staging["profile"], "staging");
    assert_eq!(report["modules"].as_array().unwrap().len(), 1);
    assert_eq!(
        findings(&report),
        vec![
            finding("DJS003", "warning", "dblood/settings/staging.py", 2),
            finding("DJS001", "warning", "dblood/settings/staging.py", 3),
            finding("DJS002", "warning", "dblood/settings/staging.py", 4),
        ]
    );
}

/// `--settings module:Class` lints a django-configurations class, as `explain` reads it: the
/// development class, named, is linted as production and reports its own DEBUG = True.
#[test]
fn settings_names_a_configuration_class() {
    let project = "testdata/deployments/configurations-across-modules";
    let (run, report) = check_json(&[project, "--settings", "config.settings:Dev"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let modules = report["modules"].as_array().unwrap();
    assert_eq!(modules.len(), 1, "{report:#}");
    assert_eq!(modules[0]["module"], "config.settings:Dev");
    assert_eq!(modules[0]["profile"], "production");
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"DJS001"), "{report:#}");

    let missing = djsafe(&["check", project, "--settings", "config.settings:Staging"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("defines no django-configurations class `Staging`"),
        "{}",
        missing.stderr
    );
}

#[test]
fn settings_unknown_module_exits_2() {
    let run = djsafe(&["check", DBLOOD, "--settings", "nope.mod"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nope.mod"), "{}", run.stderr);
}

#[test]
fn invalid_profile_exits_2() {
    let run = djsafe(&[
        "check",
        DBLOOD,
        "--settings",
        "dblood.settings.staging",
        "--profile",
        "bogus",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bogus"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// 6. --env

#[test]
fn env_sets_a_variable_in_every_scenario() {
    let (run, report) = check_json(&[DBLOOD, "--select", BASE, "--env", "DEBUG=False"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        findings(&report),
        vec![
            finding("DJS003", "warning", "dblood/settings/staging.py", 2),
            finding("DJS001", "warning", "dblood/settings/staging.py", 3),
            finding("DJS002", "warning", "dblood/settings/staging.py", 4),
        ]
    );
    // A spelling that production's comparison does not accept keeps the finding.
    let (_, report) = check_json(&[DBLOOD, "--select", BASE, "--env", "DEBUG=false"]);
    assert!(
        findings(&report).contains(&finding(
            "DJS001",
            "error",
            "dblood/settings/production.py",
            5
        )),
        "{report:#}"
    );
    // The message says the variable is what `--env` set, not that it is unset.
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "DJS001")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert!(
        messages.contains(&"DEBUG is True when `DEBUG` is 'false' (--env)"),
        "{messages:?}"
    );
    assert!(
        !messages.iter().any(|m| m.contains("unset")),
        "{messages:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 7. Colour

#[test]
fn color_never_has_no_escapes() {
    let run = djsafe(&["check", DBLOOD, "--color", "never"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("DJS001"));
    assert!(!has_ansi(&run.stdout), "{}", run.stdout);
    // Even when the environment asks for colour.
    let output = raw_djsafe(
        &["check", DBLOOD, "--color", "never"],
        &[("FORCE_COLOR", "1")],
    );
    assert!(!has_ansi(&String::from_utf8(output.stdout).unwrap()));
}

#[test]
fn color_always_has_escapes() {
    // The helper sets NO_COLOR=1: an explicit --color always still wins.
    let run = djsafe(&["check", DBLOOD, "--color", "always"]);
    assert_eq!(run.code, 1);
    assert!(has_ansi(&run.stdout), "{}", run.stdout);
}

#[test]
fn color_auto_honours_no_color_and_force_color() {
    let run = djsafe(&["check", DBLOOD, "--color", "auto"]);
    assert!(run.stdout.contains("DJS001"));
    assert!(!has_ansi(&run.stdout), "{}", run.stdout);
    // Without a flag, auto is the default.
    assert!(!has_ansi(&djsafe(&["check", DBLOOD]).stdout));
    // Output is a pipe, not a terminal: auto gives no colour unless FORCE_COLOR.
    let output = raw_djsafe(&["check", DBLOOD, "--color", "auto"], &[]);
    assert!(!has_ansi(&String::from_utf8(output.stdout).unwrap()));
    let output = raw_djsafe(
        &["check", DBLOOD, "--color", "auto"],
        &[("FORCE_COLOR", "1")],
    );
    assert!(has_ansi(&String::from_utf8(output.stdout).unwrap()));
}

#[test]
fn json_never_has_escapes() {
    let run = djsafe(&[
        "check",
        DBLOOD,
        "--select",
        BASE,
        "--output-format",
        "json",
        "--color",
        "always",
    ]);
    assert!(!has_ansi(&run.stdout));
    assert_eq!(findings(&json(&run)), dblood_findings());
}

// ---------------------------------------------------------------------------------------------
// 8. Determinism

#[test]
fn output_is_deterministic() {
    for format in ["json", "text"] {
        let first = djsafe(&["check", DBLOOD, "--output-format", format]);
        let second = djsafe(&["check", DBLOOD, "--output-format", format]);
        assert_eq!(first.code, 1);
        assert!(!first.stdout.is_empty());
        assert_eq!(first.stdout, second.stdout, "{format} output differs");
        assert_eq!(first.code, second.code);
    }
}

// ---------------------------------------------------------------------------------------------
// 9. noqa

const LONE_SETTINGS: &str = "mysite/settings.py";

/// A temp copy of lone-settings with `line` (exact text) rewritten by `edit`.
fn lone_with(edits: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let (tmp, dir) = copy_project(LONE);
    let path = dir.join(LONE_SETTINGS);
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (line, replacement) in edits {
        let needle = format!("\n{line}\n");
        assert!(text.contains(&needle), "{line} is in the fixture");
        text = text.replacen(&needle, &format!("\n{replacement}\n"), 1);
    }
    std::fs::write(&path, text).unwrap();
    (tmp, dir)
}

fn lone_findings() -> Vec<(String, String, String, u64)> {
    vec![
        finding("DJS003", "error", LONE_SETTINGS, 13),
        finding("DJS001", "error", LONE_SETTINGS, 16),
        finding("DJS002", "error", LONE_SETTINGS, 18),
    ]
}

#[test]
fn unedited_copy_has_all_findings() {
    let (_tmp, dir) = lone_with(&[]);
    let (_, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(findings(&report), lone_findings());
}

#[test]
fn noqa_with_rule_id_silences_that_rule() {
    for comment in [
        "  # noqa: DJS001",
        "  # noqa: debug-enabled",
        "  # noqa:DJS001",
        "  # noqa: DJS002, DJS001",
    ] {
        let line = format!("DEBUG = True{comment}");
        let (_tmp, dir) = lone_with(&[("DEBUG = True", &line)]);
        let (run, report) = check_json_in(&dir, &["--select", BASE]);
        assert_eq!(run.code, 1);
        assert_eq!(
            findings(&report),
            vec![
                finding("DJS003", "error", LONE_SETTINGS, 13),
                finding("DJS002", "error", LONE_SETTINGS, 18),
            ],
            "{line}"
        );
    }
}

#[test]
fn noqa_for_another_rule_does_not_silence() {
    let (_tmp, dir) = lone_with(&[("DEBUG = True", "DEBUG = True  # noqa: DJS002")]);
    let (_, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(findings(&report), lone_findings());
}

#[test]
fn bare_noqa_silences_every_rule_on_its_line() {
    let (_tmp, dir) = lone_with(&[("DEBUG = True", "DEBUG = True  # noqa")]);
    let (_, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(
        findings(&report),
        vec![
            finding("DJS003", "error", LONE_SETTINGS, 13),
            finding("DJS002", "error", LONE_SETTINGS, 18),
        ]
    );

    // Two findings of different rules on one line: a bare noqa silences both.
    let (_tmp, dir) = lone_with(&[
        (
            "DEBUG = True",
            "DEBUG = True; ALLOWED_HOSTS = ['*']  # noqa",
        ),
        ("ALLOWED_HOSTS = ['*']", "ALLOWED_HOSTS = ALLOWED_HOSTS"),
    ]);
    let (run, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(
        findings(&report),
        vec![finding("DJS003", "error", LONE_SETTINGS, 13)]
    );
    assert_eq!(run.code, 1);

    // Without the noqa, that line has both findings (so the check above is meaningful).
    let (_tmp, dir) = lone_with(&[
        ("DEBUG = True", "DEBUG = True; ALLOWED_HOSTS = ['*']"),
        ("ALLOWED_HOSTS = ['*']", "ALLOWED_HOSTS = ALLOWED_HOSTS"),
    ]);
    let (_, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(
        findings(&report),
        vec![
            finding("DJS003", "error", LONE_SETTINGS, 13),
            finding("DJS001", "error", LONE_SETTINGS, 16),
            finding("DJS002", "error", LONE_SETTINGS, 16),
        ]
    );
}

#[test]
fn noqa_on_every_finding_gives_exit_0() {
    let secret = "SECRET_KEY = 'django-insecure-7f#q2w!k9zv$3m@x1l&8p^r0t+e5u6y(a_b=c-d4n%h*j)s'";
    let secret_noqa = format!("{secret}  # noqa: DJS003");
    let (_tmp, dir) = lone_with(&[
        (secret, &secret_noqa),
        ("DEBUG = True", "DEBUG = True  # noqa"),
        (
            "ALLOWED_HOSTS = ['*']",
            "ALLOWED_HOSTS = ['*']  # noqa: allowed-hosts-wildcard",
        ),
    ]);
    let (run, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(findings(&report), vec![]);
    assert_eq!(run.code, 0);
}

// ---------------------------------------------------------------------------------------------
// 10. Configuration

/// A temp copy of dblood with `name` (relative to the project) containing `text`.
fn dblood_with_config(name: &str, text: &str) -> (TempDir, PathBuf) {
    let (tmp, dir) = copy_project(DBLOOD);
    std::fs::write(dir.join(name), text).unwrap();
    (tmp, dir)
}

/// Adds every key that `body` leaves out, with its documented default: the configuration as a
/// user would write it, with each default spelled out.
fn spelled_out(body: &str) -> String {
    let mut text = body.to_string();
    for (key, default) in [
        ("ignore", "[]"),
        ("env", "{}"),
        ("profiles", "{}"),
        ("report-development", "false"),
        ("strict-staging", "false"),
    ] {
        if !body.lines().any(|l| l.trim_start().starts_with(key)) {
            text.push_str(&format!("{key} = {default}\n"));
        }
    }
    text
}

fn pyproject(body: &str) -> String {
    format!("[tool.poetry]\nname = \"dblood\"\n\n[tool.djsafe]\n{body}")
}

#[test]
fn pyproject_ignore_drops_rule() {
    let (_tmp, dir) = dblood_with_config(
        "pyproject.toml",
        &pyproject(&spelled_out("ignore = [\"DJS003\"]\n")),
    );
    let (run, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&report), ["DJS001", "DJS001", "DJS002"]);

    // Found from the folder above a linted subfolder, too.
    let (_, report) = check_json_in(&dir, &["dblood", "--select", BASE]);
    assert_eq!(rules_of(&report), ["DJS001", "DJS001", "DJS002"]);

    // And when the project is linted from outside it.
    let (_, report) = check_json_in(dir.parent().unwrap(), &["project", "--select", BASE]);
    assert_eq!(rules_of(&report), ["DJS001", "DJS001", "DJS002"]);
}

#[test]
fn isolated_ignores_configuration() {
    let (_tmp, dir) = dblood_with_config(
        "pyproject.toml",
        &pyproject(&spelled_out(
            "ignore = [\"DJS003\"]\nstrict-staging = true\n",
        )),
    );
    let (run, report) = check_json_in(&dir, &["--isolated", "--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(findings(&report), dblood_findings());
    // --isolated even skips an invalid configuration.
    let (_tmp, dir) = dblood_with_config("djsafe.toml", "bogus = 1\n");
    let (run, report) = check_json_in(&dir, &["--isolated", "--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(findings(&report), dblood_findings());
}

#[test]
fn cli_flags_override_configuration() {
    let (_tmp, dir) = dblood_with_config(
        "pyproject.toml",
        &pyproject(&spelled_out("ignore = [\"DJS003\"]\n")),
    );
    // --ignore on the command line replaces the configuration's list.
    let (_, report) = check_json_in(&dir, &["--select", BASE, "--ignore", "DJS001"]);
    assert_eq!(rules_of(&report), ["DJS003", "DJS002"]);

    let (_tmp, dir) = dblood_with_config(
        "pyproject.toml",
        &pyproject(&spelled_out("select = [\"DJS002\"]\n")),
    );
    let (_, report) = check_json_in(&dir, &[]);
    assert_eq!(rules_of(&report), ["DJS002"]);
    let (_, report) = check_json_in(&dir, &["--select", "DJS001"]);
    assert_eq!(rules_of(&report), ["DJS001", "DJS001"]);
}

#[test]
fn strict_staging_makes_staging_errors() {
    let (_tmp, dir) = dblood_with_config(
        "pyproject.toml",
        &pyproject(&spelled_out("strict-staging = true\n")),
    );
    let (_, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(
        findings(&report),
        vec![
            finding("DJS001", "error", "dblood/settings/production.py", 5),
            finding("DJS003", "error", "dblood/settings/staging.py", 2),
            finding("DJS001", "error", "dblood/settings/staging.py", 3),
            finding("DJS002", "error", "dblood/settings/staging.py", 4),
        ]
    );
}

#[test]
fn unknown_config_key_exits_2() {
    let (_tmp, dir) = dblood_with_config("pyproject.toml", &pyproject("bogus-key = 1\n"));
    let run = djsafe_in(&dir, &["check"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("bogus-key"), "{}", run.stderr);
    assert!(run.stderr.contains("pyproject.toml"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    // Even with --exit-zero.
    assert_eq!(djsafe_in(&dir, &["check", "--exit-zero"]).code, 2);
}

#[test]
fn configured_profile_development_is_not_reported() {
    let (_tmp, dir) = dblood_with_config(
        "pyproject.toml",
        &pyproject(&spelled_out(
            "profiles = { \"dblood.settings.staging\" = \"development\" }\n",
        )),
    );
    let (run, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let staging = module(&report, "dblood.settings.staging");
    assert_eq!(staging["profile"], "development");
    assert_eq!(staging["reported"], false);
    assert_eq!(
        findings(&report),
        vec![finding(
            "DJS001",
            "error",
            "dblood/settings/production.py",
            5
        )]
    );
}

#[test]
fn config_env_is_like_env_flag() {
    let (_tmp, dir) = dblood_with_config(
        "pyproject.toml",
        &pyproject(&spelled_out("env = { DEBUG = \"False\" }\n")),
    );
    let (_, report) = check_json_in(&dir, &["--select", BASE]);
    let (_, with_flag) = check_json(&[DBLOOD, "--select", BASE, "--env", "DEBUG=False"]);
    assert_eq!(findings(&report), findings(&with_flag));
    assert!(!findings(&report).iter().any(|f| f.2.contains("production")));
    // The same with the default rules.
    let (_, report) = check_json_in(&dir, &[]);
    let (_, with_flag) = check_json(&[DBLOOD, "--env", "DEBUG=False"]);
    assert_eq!(findings(&report), findings(&with_flag));
}

#[test]
fn djsafe_toml_is_read() {
    let (_tmp, dir) = dblood_with_config("djsafe.toml", &spelled_out("ignore = [\"DJS003\"]\n"));
    let (run, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules_of(&report), ["DJS001", "DJS001", "DJS002"]);
}

/// The configuration examples as the README and users write them: only the keys that matter.
#[test]
fn partial_configuration_uses_defaults() {
    for (name, text) in [
        ("pyproject.toml", pyproject("ignore = [\"DJS003\"]\n")),
        ("djsafe.toml", "ignore = [\"DJS003\"]\n".to_string()),
    ] {
        let (_tmp, dir) = dblood_with_config(name, &text);
        let (run, report) = check_json_in(&dir, &["--select", BASE]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert_eq!(rules_of(&report), ["DJS001", "DJS001", "DJS002"], "{name}");
    }
    let (_tmp, dir) = dblood_with_config("pyproject.toml", &pyproject("strict-staging = true\n"));
    let (run, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(findings(&report).iter().all(|f| f.1 == "error"));
    let (_tmp, dir) = dblood_with_config(
        "pyproject.toml",
        &pyproject("profiles = { \"dblood.settings.staging\" = \"development\" }\n"),
    );
    let (run, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        module(&report, "dblood.settings.staging")["reported"],
        false
    );
    // An empty table is a valid configuration.
    let (_tmp, dir) = dblood_with_config("pyproject.toml", &pyproject(""));
    let (run, report) = check_json_in(&dir, &["--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(findings(&report), dblood_findings());
}

// ---------------------------------------------------------------------------------------------
// 11. rules and rule

/// The rules every djsafe has, with what `djsafe rules` says about them: id, name, severity,
/// Django check. Rules are added over time; these stay.
const KNOWN_RULES: [(&str, &str, &str, &[&str]); 3] = [
    ("DJS001", "debug-enabled", "error", &["security.W018"]),
    ("DJS002", "allowed-hosts-wildcard", "error", &[]),
    ("DJS003", "hardcoded-secret-key", "error", &[]),
];

/// A rule's `django_check` list from the JSON listing.
fn django_checks(rule: &Value) -> Vec<&str> {
    rule["django_check"]
        .as_array()
        .unwrap_or_else(|| panic!("django_check is a list: {rule:#}"))
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect()
}

#[test]
fn rules_text_lists_every_rule() {
    let run = djsafe(&["rules"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header[0], "ID");
    assert!(
        header.contains(&"NAME") && header.contains(&"SEVERITY"),
        "{}",
        lines[0]
    );
    // One line per rule of the JSON listing, in its order, with its id, name, severity and check.
    let rules = rules_catalogue();
    assert_eq!(lines.len(), rules.len() + 1, "{}", run.stdout);
    for (line, rule) in lines[1..].iter().zip(&rules) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let checks = django_checks(rule);
        let check = if checks.is_empty() {
            "-".to_string()
        } else {
            checks.join(",")
        };
        let check = check.as_str();
        assert_eq!(
            words[..4],
            [
                rule["id"].as_str().unwrap(),
                rule["name"].as_str().unwrap(),
                rule["severity"].as_str().unwrap(),
                check,
            ],
            "{line}"
        );
        let summary = rule["summary"].as_str().unwrap();
        assert!(line.trim_end().ends_with(summary), "{line}");
    }
    for (id, name, _, _) in KNOWN_RULES {
        let line = lines[1..]
            .iter()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id} is listed:\n{}", run.stdout));
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(&words[..2], [id, name], "{line}");
    }
    assert!(lines[1].starts_with("DJS001"), "{}", lines[1]);
    assert!(lines[1].contains("security.W018"));
}

#[test]
fn rules_json() {
    let rules = rules_catalogue();
    assert!(rules.len() >= KNOWN_RULES.len(), "{rules:#?}");
    for rule in &rules {
        let mut keys: Vec<&str> = rule
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(keys, ["django_check", "id", "name", "severity", "summary"]);
        let id = rule["id"].as_str().unwrap();
        assert!(
            id.len() == 6 && id.starts_with("DJS") && id[3..].bytes().all(|b| b.is_ascii_digit()),
            "{rule:#}"
        );
        let name = rule["name"].as_str().unwrap();
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{rule:#}"
        );
        assert!(
            ["error", "warning", "note"].contains(&rule["severity"].as_str().unwrap()),
            "{rule:#}"
        );
        assert!(
            django_checks(rule).iter().all(|c| c.contains('.')),
            "{rule:#}"
        );
        assert!(!rule["summary"].as_str().unwrap().is_empty());
    }
    // Ids are sorted and unique, and so are names.
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    let names: std::collections::BTreeSet<&str> =
        rules.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), rules.len(), "names are unique");
    // The first rules are the known ones, as they always were.
    for (rule, (id, name, severity, check)) in rules.iter().zip(KNOWN_RULES) {
        assert_eq!(rule["id"], id);
        assert_eq!(rule["name"], name);
        assert_eq!(rule["severity"], severity);
        assert_eq!(django_checks(rule), check, "{rule:#}");
    }
    // A rule that mirrors a family of Django's checks lists every id of it, so a dashboard can
    // map each one to the rule.
    let by_id = |id: &str| rules.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(
        django_checks(by_id("DJS023")),
        ["security.W010", "security.W011", "security.W012"]
    );
    assert_eq!(
        django_checks(by_id("DJS024")),
        ["security.W013", "security.W014", "security.W015"]
    );
    // Every rule has its page, by id and by name.
    for rule in &rules {
        for key in ["id", "name"] {
            let run = djsafe(&["rule", rule[key].as_str().unwrap()]);
            assert_eq!(run.code, 0, "{rule:#}: {}", run.stderr);
            assert!(
                run.stdout.starts_with(&format!(
                    "# {} ({})",
                    rule["name"].as_str().unwrap(),
                    rule["id"].as_str().unwrap()
                )),
                "{}",
                run.stdout
            );
        }
    }
}

#[test]
fn rule_docs_by_id_or_name() {
    let by_id = djsafe(&["rule", "DJS001"]);
    let by_name = djsafe(&["rule", "debug-enabled"]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    assert_eq!(by_name.code, 0, "{}", by_name.stderr);
    assert_eq!(by_id.stdout, by_name.stdout);
    assert!(
        by_id.stdout.starts_with("# debug-enabled (DJS001)"),
        "{}",
        by_id.stdout
    );
    let mut at = 0;
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## References",
    ] {
        let found = by_id.stdout[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} after byte {at}:\n{}", by_id.stdout));
        at += found + heading.len();
    }
    // Each rule has its own page.
    let other = djsafe(&["rule", "DJS002"]);
    assert_eq!(other.code, 0);
    assert!(
        other
            .stdout
            .starts_with("# allowed-hosts-wildcard (DJS002)")
    );
}

#[test]
fn unknown_rule_docs_exit_2() {
    let run = djsafe(&["rule", "nope"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nope"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

// ---------------------------------------------------------------------------------------------
// 12. --version

#[test]
fn version() {
    let run = djsafe(&["--version"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.trim_end(), "djsafe 0.1.0");
}

// ---------------------------------------------------------------------------------------------
// 13. Several paths

#[test]
fn several_paths_are_linted_with_working_directory_relative_paths() {
    let (run, report) = check_json(&[DBLOOD, LONE, "--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let d = "testdata/projects/staging-deployed/dblood/settings";
    let l = "testdata/projects/lone-settings/mysite/settings.py";
    assert_eq!(
        findings(&report),
        // Sorted by file path: lone-settings before staging-deployed.
        vec![
            finding("DJS003", "error", l, 13),
            finding("DJS001", "error", l, 16),
            finding("DJS002", "error", l, 18),
            finding("DJS001", "error", &format!("{d}/production.py"), 5),
            finding("DJS003", "warning", &format!("{d}/staging.py"), 2),
            finding("DJS001", "warning", &format!("{d}/staging.py"), 3),
            finding("DJS002", "warning", &format!("{d}/staging.py"), 4),
        ]
    );
    assert_eq!(report["modules"].as_array().unwrap().len(), 3);
    assert_eq!(module(&report, "mysite.settings")["file"], l);
    assert_eq!(
        report["findings"][3]["chain"][0]["file"],
        format!("{d}/production.py")
    );
}

// ---------------------------------------------------------------------------------------------
// 14. Inputs that must not stop a run

fn write(path: &Path, contents: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

#[test]
fn symlink_loop_does_not_hang_or_duplicate() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("proj");
    write(
        &project.join("settings.py"),
        "DEBUG = True\nINSTALLED_APPS = []\n",
    );
    std::os::unix::fs::symlink(".", project.join("loop")).unwrap();
    let (run, report) = check_json_in(tmp.path(), &["proj", "--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Reported once, through the real path, not again through loop/settings.py.
    assert_eq!(
        findings(&report),
        vec![finding("DJS001", "error", "settings.py", 1)]
    );
    // djsafe does not follow the link; if it ever does, the loop must be a diagnostic naming it.
    for diagnostic in diagnostics(&report) {
        assert!(
            diagnostic["file"].as_str().unwrap().contains("loop"),
            "{diagnostic:#}"
        );
    }
    let text = djsafe_in(tmp.path(), &["check", "proj"]);
    assert_eq!(text.code, 1);
}

#[test]
fn oversized_settings_module_is_skipped_with_a_diagnostic() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        &tmp.path().join("site/settings.py"),
        "DEBUG = True\nINSTALLED_APPS = []\n",
    );
    let mut big = String::from("X = 1\n");
    let filler = format!("# {}\n", "a".repeat(1022));
    while big.len() <= 8 * 1024 * 1024 + 1024 {
        big.push_str(&filler);
    }
    write(&tmp.path().join("big/settings.py"), big);
    let (run, report) = check_json_in(tmp.path(), &["--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        findings(&report),
        vec![finding("DJS001", "error", "site/settings.py", 1)]
    );
    let diags = diagnostics(&report);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["kind"], "file-too-large");
    assert_eq!(diags[0]["file"], "big/settings.py");
    assert_eq!(diags[0]["line"], Value::Null);
    // The text report mentions it too.
    let text = djsafe_in(tmp.path(), &["check"]);
    assert!(text.stdout.contains("big/settings.py"), "{}", text.stdout);
    assert!(text.stdout.contains("file-too-large"), "{}", text.stdout);
}

/// Deterministic pseudo-random bytes, with NULs among them.
fn garbage(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut bytes: Vec<u8> = (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect();
    for i in (0..len).step_by(97) {
        bytes[i] = 0;
    }
    bytes
}

#[test]
fn binary_settings_file_is_a_diagnostic() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("one/settings.py"), garbage(16 * 1024));
    write(
        &tmp.path().join("two/settings.py"),
        "DEBUG = True\nINSTALLED_APPS = []\n",
    );
    let (run, report) = check_json_in(tmp.path(), &["--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        findings(&report),
        vec![finding("DJS001", "error", "two/settings.py", 1)]
    );
    let diags = diagnostics(&report);
    assert!(!diags.is_empty());
    assert!(
        diags.iter().all(|d| d["file"] == "one/settings.py"),
        "{diags:#?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d["kind"] == "encoding" || d["kind"] == "read-error"),
        "{diags:#?}"
    );
    let text = djsafe_in(tmp.path(), &["check", "--color", "never"]);
    assert_eq!(text.code, 1);
    assert!(text.stdout.contains("one/settings.py"), "{}", text.stdout);
    assert!(text.stdout.contains("DJS001"), "{}", text.stdout);
}

#[test]
fn unresolved_star_import_is_a_diagnostic_and_linting_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("site/__init__.py"), "");
    write(
        &tmp.path().join("site/settings.py"),
        "from .missing import *\nDEBUG = True\n",
    );
    let (run, report) = check_json_in(tmp.path(), &["--select", BASE]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        findings(&report),
        vec![finding("DJS001", "error", "site/settings.py", 2)]
    );
    let diags = diagnostics(&report);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["kind"], "unresolved-import");
    assert_eq!(diags[0]["file"], "site/settings.py");
    assert_eq!(diags[0]["line"], 1);
    assert!(
        diags[0]["message"].as_str().unwrap().contains(".missing"),
        "{diags:#?}"
    );
}

/// A Dockerfile's `RUN DJANGO_SETTINGS_MODULE=... manage.py collectstatic` names a module for
/// that build step only: the deployment runs what `ENV` sets.
#[test]
fn dockerfile_run_steps_do_not_name_the_deployed_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for (path, text) in [
        ("app/__init__.py", ""),
        ("app/settings/__init__.py", ""),
        (
            "app/settings/production.py",
            "DEBUG = False\nALLOWED_HOSTS = ['example.org']\n",
        ),
        (
            "app/settings/test.py",
            "from .production import *\nDEBUG = True\n",
        ),
        (
            "Dockerfile",
            "FROM python:3.12\nRUN DJANGO_SETTINGS_MODULE=app.settings.test python manage.py collectstatic\nENV DJANGO_SETTINGS_MODULE=app.settings.production\n",
        ),
    ] {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join(path), text).unwrap();
    }
    let (_, report) = check_json_in(root, &["--select", "DJS001"]);
    let profiles: Vec<(String, String)> = report["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["module"].as_str().unwrap().to_string(),
                m["profile"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        profiles,
        [
            (
                "app.settings.production".to_string(),
                "production".to_string()
            ),
            ("app.settings.test".to_string(), "development".to_string())
        ]
    );
    assert_eq!(findings(&report), vec![]);
}

/// Code nested far deeper than CPython accepts (20,000 brackets, a 20,000-term sum) neither
/// crashes djsafe nor hides the findings around it.
#[test]
fn deeply_nested_code_does_not_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let n = 20_000;
    let text = format!(
        "X = {}{}\nY = {}\nZ = {}1{}\nALLOWED_HOSTS = ['*']\n",
        "[".repeat(n),
        "]".repeat(n),
        vec!["1"; n].join(" + "),
        "(".repeat(n),
        ")".repeat(n)
    );
    std::fs::write(tmp.path().join("settings.py"), text).unwrap();
    let (run, report) = check_json_in(tmp.path(), &["--select", "DJS002"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(findings(&report).len(), 1, "{report}");
    assert_eq!(report["findings"][0]["line"], 4);
}

/// Files Python cannot import by name (`settings.dist.py`, `local-settings.py`) are not settings
/// modules, even in a `settings/` package.
#[test]
fn unimportable_file_names_are_not_settings_modules() {
    let tmp = tempfile::tempdir().unwrap();
    for (path, text) in [
        ("app/__init__.py", ""),
        ("app/settings/__init__.py", ""),
        (
            "app/settings/production.py",
            "DEBUG = False\nALLOWED_HOSTS = ['example.org']\n",
        ),
        ("app/settings/settings.dist.py", "DEBUG = True\n"),
        ("app/settings/local-settings.py", "DEBUG = True\n"),
    ] {
        std::fs::create_dir_all(tmp.path().join(path).parent().unwrap()).unwrap();
        std::fs::write(tmp.path().join(path), text).unwrap();
    }
    let (run, report) = check_json_in(tmp.path(), &["--select", "DJS001"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let modules: Vec<&str> = report["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["module"].as_str().unwrap())
        .collect();
    assert_eq!(modules, ["app.settings.production"]);
}

/// A project template (`{{cookiecutter.site}}/settings.py`) is not a package Django imports.
#[test]
fn template_folders_are_not_settings_packages() {
    let tmp = tempfile::tempdir().unwrap();
    for (path, text) in [
        ("{{cookiecutter.site}}/__init__.py", ""),
        ("{{cookiecutter.site}}/settings.py", "DEBUG = True\n"),
        ("site/__init__.py", ""),
        (
            "site/settings.py",
            "DEBUG = False\nALLOWED_HOSTS = ['example.org']\n",
        ),
    ] {
        std::fs::create_dir_all(tmp.path().join(path).parent().unwrap()).unwrap();
        std::fs::write(tmp.path().join(path), text).unwrap();
    }
    let (run, report) = check_json_in(tmp.path(), &["--select", "DJS001"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let modules: Vec<&str> = report["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["module"].as_str().unwrap())
        .collect();
    assert_eq!(modules, ["site.settings"]);
}
