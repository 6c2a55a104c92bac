//! Files on the command line, as pre-commit passes the changed ones: djsafe lints the settings
//! modules whose imports reach a passed file and nothing else; `--exclude`, `exclude = [...]`
//! and `--force-exclude`.

mod common;

use std::path::{Path, PathBuf};

use common::{Run, djsafe, djsafe_in};
use serde_json::Value;
use tempfile::TempDir;

const FIXTURE: &str = "testdata/triggers";
const COMMON: &str = "shop/settings/common.py";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> PathBuf {
    repo().join(FIXTURE)
}

/// Runs `djsafe check ARGS --output-format json` in `dir`.
fn check_json(dir: &Path, args: &[&str]) -> (Run, Value) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--output-format", "json"]);
    let run = djsafe_in(dir, &all);
    let report = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr));
    (run, report)
}

fn modules(report: &Value) -> Vec<String> {
    report["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["module"].as_str().unwrap().to_string())
        .collect()
}

/// `(rule, module, file, line)` of each finding.
fn findings(report: &Value) -> Vec<(String, String, String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["module"].as_str().unwrap().into(),
                f["file"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A temp folder holding a copy of the fixture as `shop-project`, with `edits` applied.
fn copy_with(edits: &[(&str, &str, &str)]) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("shop-project");
    common::fixtures::copy_dir(&fixture(), &dest);
    for (file, from, to) in edits {
        let path = dest.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} is in {file}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    (tmp, dest)
}

fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const BOTH: [&str; 2] = ["shop.settings.production", "shop.settings.staging"];

#[test]
fn a_shared_base_rechecks_every_module_that_imports_it() {
    let (run, report) = check_json(&fixture(), &[COMMON]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(modules(&report), BOTH);

    let (tmp, _) = copy_with(&[(COMMON, "DEBUG = False", "DEBUG = True")]);
    let (run, report) = check_json(
        tmp.path(),
        &["shop-project/shop/settings/common.py", "--select", "DJS001"],
    );
    assert_eq!(run.code, 1);
    let file = "shop-project/shop/settings/common.py";
    assert_eq!(
        findings(&report),
        [
            ("DJS001".into(), BOTH[0].into(), file.into(), 6),
            ("DJS001".into(), BOTH[1].into(), file.into(), 6),
        ]
    );
    // Paths stay relative to the working directory, as pre-commit shows them.
    assert_eq!(
        report["modules"][0]["file"],
        "shop-project/shop/settings/production.py"
    );
    assert_eq!(
        report["findings"][0]["chain"][0]["file"],
        report["modules"][0]["file"]
    );
}

#[test]
fn a_passed_entry_module_is_linted_without_the_modules_it_does_not_reach() {
    let (_, report) = check_json(&fixture(), &["shop/settings/staging.py"]);
    assert_eq!(modules(&report), ["shop.settings.staging"]);
    let (_, report) = check_json(repo(), &[&format!("{FIXTURE}/shop/settings/production.py")]);
    assert_eq!(modules(&report), ["shop.settings.production"]);
    assert_eq!(
        report["modules"][0]["file"],
        format!("{FIXTURE}/shop/settings/production.py")
    );
}

#[test]
fn a_file_no_settings_module_imports_reports_nothing() {
    let text = djsafe_in(&fixture(), &["check", "shop/views.py", "shop/__init__.py"]);
    assert_eq!(text.code, 0);
    assert_eq!(text.stdout, "No problems found in 0 settings modules.\n");
    let (_, report) = check_json(&fixture(), &["shop/views.py"]);
    assert_eq!(report["modules"], Value::Array(vec![]));
    assert_eq!(report["diagnostics"], Value::Array(vec![]));
}

#[test]
fn problems_reading_modules_the_passed_files_do_not_concern_are_not_reported() {
    let (_tmp, project) = copy_with(&[]);
    write(&project, "shop/settings/broken.py", "DEBUG = (\n");
    write(
        &project,
        "Dockerfile",
        "ENV DJANGO_SETTINGS_MODULE=shop.settings.gone\n",
    );
    let (run, report) = check_json(&project, &[COMMON, "shop/views.py"]);
    assert_eq!(run.code, 0);
    assert_eq!(modules(&report), BOTH);
    assert_eq!(report["diagnostics"], Value::Array(vec![]));
    // Linting the folder reports them.
    let (_, report) = check_json(&project, &["."]);
    let kinds: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"parse-error"), "{kinds:?}");
    assert!(kinds.contains(&"unresolved-settings-module"), "{kinds:?}");
}

#[test]
fn an_excluded_passed_file_is_linted_unless_force_exclude() {
    let legacy = "legacy/settings.py";
    let (run, report) = check_json(&fixture(), &[legacy]);
    assert_eq!(run.code, 1);
    assert_eq!(modules(&report), ["legacy.settings"]);
    let (run, report) = check_json(&fixture(), &[legacy, COMMON, "--force-exclude"]);
    assert_eq!(run.code, 0);
    assert_eq!(modules(&report), BOTH);
    let text = djsafe_in(&fixture(), &["check", legacy, "--force-exclude"]);
    assert_eq!(
        (text.code, text.stdout.as_str()),
        (0, "No problems found in 0 settings modules.\n")
    );
}

#[test]
fn an_excluded_folder_given_beside_its_project_is_linted_once() {
    let (run, report) = check_json(&fixture(), &["legacy", "shop/views.py"]);
    assert_eq!(run.code, 1);
    assert_eq!(modules(&report), ["legacy.settings"]);
    let (_, report) = check_json(&fixture(), &[".", "legacy"]);
    assert_eq!(modules(&report), ["legacy.settings", BOTH[0], BOTH[1]]);
}

#[test]
fn force_exclude_matches_the_folders_above_a_passed_file() {
    let args = ["--isolated", "--force-exclude", "--exclude", "settings"];
    let (_, report) = check_json(&fixture(), &[&[COMMON][..], &args].concat());
    assert_eq!(report["modules"], Value::Array(vec![]));
    // Folders djsafe always skips count too.
    let (_tmp, project) = copy_with(&[]);
    write(&project, "dist/settings.py", "DEBUG = True\n");
    let (run, _) = check_json(&project, &["dist/settings.py"]);
    assert_eq!(run.code, 1);
    let (run, report) = check_json(&project, &["dist/settings.py", "--force-exclude"]);
    assert_eq!(run.code, 0);
    assert_eq!(report["modules"], Value::Array(vec![]));
}

#[test]
fn configured_excludes_skip_folders_in_discovery() {
    let text = djsafe(&["check", FIXTURE]);
    assert!(
        text.stdout
            .ends_with("\nNo problems found in 2 settings modules.\n"),
        "{}",
        text.stdout
    );
    let (run, report) = check_json(repo(), &[FIXTURE]);
    assert_eq!(run.code, 0);
    assert_eq!(modules(&report), BOTH);
    let (run, report) = check_json(repo(), &[FIXTURE, "--isolated"]);
    assert_eq!(run.code, 1);
    assert_eq!(modules(&report), ["legacy.settings", BOTH[0], BOTH[1]]);
}

#[test]
fn command_line_excludes_replace_the_configured_ones() {
    let (_, report) = check_json(&fixture(), &["--exclude", "shop/settings/staging.py"]);
    assert_eq!(modules(&report), ["legacy.settings", BOTH[0]]);
    let (_, report) = check_json(
        &fixture(),
        &["--exclude", "legacy", "--exclude", "*staging*"],
    );
    assert_eq!(modules(&report), [BOTH[0]]);
    // Relative to the working directory: from the repository the same path matches nothing.
    let (_, report) = check_json(
        repo(),
        &[
            FIXTURE,
            "--exclude",
            "legacy",
            "--exclude",
            "shop/settings/staging.py",
        ],
    );
    assert_eq!(modules(&report), BOTH);
}

#[test]
fn a_folder_and_files_together() {
    let (run, report) = check_json(
        repo(),
        &[
            "testdata/projects/lone-settings",
            &format!("{FIXTURE}/shop/views.py"),
            &format!("{FIXTURE}/shop/settings/staging.py"),
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        modules(&report),
        ["mysite.settings", "shop.settings.staging"]
    );
}

#[test]
fn named_settings_modules_are_linted_when_a_passed_file_reaches_them() {
    let named = ["--settings", "shop.settings.production"];
    let (_, report) = check_json(&fixture(), &[&[COMMON][..], &named].concat());
    assert_eq!(modules(&report), [BOTH[0]]);
    let (_, report) = check_json(
        &fixture(),
        &[&["shop/settings/staging.py"][..], &named].concat(),
    );
    assert_eq!(report["modules"], Value::Array(vec![]));
}

#[test]
fn without_manage_py_the_repository_is_the_project() {
    let tmp = tempfile::tempdir().unwrap();
    let checkout = tmp.path();
    std::fs::create_dir(checkout.join(".git")).unwrap();
    write(checkout, "config/__init__.py", "");
    write(
        checkout,
        "config/settings.py",
        "from common.base import *\n",
    );
    write(checkout, "common/__init__.py", "");
    write(checkout, "common/base.py", "DEBUG = True\n");
    // The passed file's own folder holds no settings: they are found from the repository's top.
    let (run, report) = check_json(checkout, &["common/base.py", "--select", "DJS001"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        findings(&report),
        [(
            "DJS001".into(),
            "config.settings".into(),
            "common/base.py".into(),
            1
        )]
    );
}
