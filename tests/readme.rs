//! The README's CI examples do what they say: their djsafe command lines, run as written on a
//! copy of dblood, write the report the next step reads; the pre-commit hooks they name exist.
//! (`tests/precommit.rs` runs the `.pre-commit-config.yaml` example itself.)

mod common;

use std::path::Path;

use common::readme::readme_block;
use common::{Run, djsafe, djsafe_in};
use serde_json::Value;

/// The value of the first `key: value` line of `block`.
fn yaml_value<'b>(block: &'b str, key: &str) -> &'b str {
    block
        .lines()
        .find_map(|line| line.trim().strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no `{key}:` in\n{block}"))
        .trim()
}

/// Runs the block's `djsafe check ...` line, as written, at the top of a copy of dblood.
fn run_check_line(block: &str, repository: &Path) -> Run {
    let line = block
        .lines()
        .find(|line| line.contains("djsafe check"))
        .expect("the example runs djsafe check");
    let args: Vec<&str> = line
        .split_once("djsafe ")
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    djsafe_in(repository, &args)
}

fn dblood_repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::fixtures::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/projects/dblood"),
        tmp.path(),
    );
    tmp
}

#[test]
fn github_workflow_uploads_the_sarif_djsafe_writes() {
    let workflow = readme_block("# .github/workflows/djsafe.yml");
    assert_eq!(yaml_value(&workflow, "security-events"), "write");
    assert!(workflow.contains("uses: github/codeql-action/upload-sarif@"));
    let repository = dblood_repository();
    let run = run_check_line(&workflow, repository.path());
    // --exit-zero: the upload step runs although dblood has findings.
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let sarif = repository.path().join(yaml_value(&workflow, "sarif_file"));
    let log: Value = serde_json::from_str(&std::fs::read_to_string(sarif).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let rules: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"DJS001"), "{rules:?}");
}

#[test]
fn gitlab_job_fails_on_findings_and_writes_the_code_quality_report() {
    let job = readme_block("# .gitlab-ci.yml");
    assert_eq!(yaml_value(&job, "when"), "always");
    let repository = dblood_repository();
    let run = run_check_line(&job, repository.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = repository.path().join(yaml_value(&job, "codequality"));
    let issues: Value = serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    let rules: Vec<&str> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["check_name"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"DJS001"), "{rules:?}");
}

#[test]
fn pre_commit_example_names_hooks_this_repository_defines() {
    let config = readme_block("# .pre-commit-config.yaml");
    let manifest = include_str!("../.pre-commit-hooks.yaml");
    let defined: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.strip_prefix("- id: "))
        .collect();
    assert_eq!(defined, ["djsafe", "djsafe-python"]);
    let named = yaml_value(&config, "- id");
    let (id, alternative) = named.split_once("  # or: ").expect("both hooks are named");
    assert_eq!(defined, [id, alternative]);
    assert_eq!(
        yaml_value(&config, "- repo"),
        "https://github.com/djsafe/djsafe"
    );
    assert_eq!(
        yaml_value(&config, "rev"),
        format!("v{}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn hooks_run_djsafe_check_with_force_exclude_on_python_files() {
    let manifest = include_str!("../.pre-commit-hooks.yaml");
    for hook in manifest.split("\n- id: ").skip(1) {
        assert_eq!(yaml_value(hook, "entry"), "djsafe check --force-exclude");
        assert_eq!(yaml_value(hook, "types"), "[python]");
        assert_eq!(yaml_value(hook, "require_serial"), "true");
        assert_eq!(yaml_value(hook, "pass_filenames"), "true");
        assert_eq!(yaml_value(hook, "minimum_pre_commit_version"), "\"2.9.2\"");
    }
    assert_eq!(yaml_value(manifest, "language"), "rust");
    assert_eq!(
        manifest
            .split("\n- id: ")
            .nth(2)
            .map(|hook| yaml_value(hook, "language")),
        Some("python")
    );
}

#[test]
fn version_is_the_package_version() {
    let run = djsafe(&["--version"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        format!("djsafe {}\n", env!("CARGO_PKG_VERSION"))
    );
}
