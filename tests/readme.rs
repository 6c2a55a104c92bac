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

/// The `djsafe ...` command lines of a README block, as argument lists.
fn command_lines(block: &str) -> Vec<Vec<&str>> {
    block
        .lines()
        .filter_map(|line| line.trim().strip_prefix("djsafe "))
        .map(|args| args.split_whitespace().collect())
        .collect()
}

#[test]
fn adoption_steps_run_as_written_on_a_legacy_project() {
    let block = readme_block("# Adopting djsafe, step by step");
    let readme = include_str!("../README.md");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    common::fixtures::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/adoption/legacy"),
        dir,
    );
    let steps = command_lines(&block);
    assert_eq!(steps.len(), 5, "{block}");
    let runs: Vec<Run> = steps.iter().map(|args| djsafe_in(dir, args)).collect();
    // --statistics and --diff find something; after --fix, findings remain until --add-noqa.
    let codes: Vec<i32> = runs.iter().map(|r| r.code).collect();
    assert_eq!(
        codes,
        [1, 1, 1, 0, 0],
        "{:#?}",
        runs.iter().map(|r| &r.stderr).collect::<Vec<_>>()
    );
    assert!(runs[1].stdout.starts_with("--- a/"), "{}", runs[1].stdout);
    // What the README says the steps print is what they print.
    for run in [&runs[2], &runs[3]] {
        let printed = run.stderr.trim();
        assert!(
            readme.contains(&format!("`{printed}`")),
            "the README should quote `{printed}`"
        );
    }
    assert!(
        runs[4].stdout.contains("No problems found"),
        "{}",
        runs[4].stdout
    );
    // The project still imports in CPython once its deployment sets the key.
    let mut python = common::python::Server::start("tests/differential/import_settings.py");
    for module in ["payroll.settings.production", "payroll.settings.staging"] {
        let answer = python.request(&serde_json::json!({
            "root": dir, "module": module, "env": {"PAYROLL_SECRET_KEY": "k".repeat(50)}
        }));
        assert_eq!(
            answer["settings"]["DEBUG"],
            if module.ends_with("staging") {
                "True"
            } else {
                "False"
            },
            "{answer}"
        );
    }
}

/// The header a settings module needs for a README fix example's way of reading the environment.
fn header_for(reads_with: &str) -> &'static str {
    match reads_with {
        "django-environ" => "import environ\n\nenv = environ.Env()\n",
        "python-decouple" => "from decouple import Csv, config\n",
        _ => "import os\n",
    }
}

#[test]
fn fix_examples_are_what_the_fixes_write() {
    let readme = include_str!("../README.md");
    let table = readme
        .split("| reads with | before | after |")
        .nth(1)
        .expect("the README has the fixes table");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            line.trim_matches('|')
                .split(" | ")
                .map(|cell| cell.trim().trim_matches('`'))
                .collect()
        })
        .collect();
    assert!(rows.len() >= 10, "{rows:?}");
    for row in rows {
        let [reads_with, before, after] = row[..] else {
            panic!("{row:?}")
        };
        let tmp = tempfile::tempdir().unwrap();
        let settings = tmp.path().join("settings.py");
        // USE_TZ makes it Django's settings even when the example assigns only DEBUG.
        std::fs::write(
            &settings,
            format!("{}\n{before}\nUSE_TZ = True\n", header_for(reads_with)),
        )
        .unwrap();
        let run = djsafe_in(tmp.path(), &["check", ".", "--fix", "--unsafe-fixes"]);
        assert!(
            run.stderr.contains("Fixed 1 problem."),
            "{before}: {}",
            run.stderr
        );
        let fixed = std::fs::read_to_string(&settings).unwrap();
        assert!(
            fixed.lines().any(|line| line == after) && !fixed.contains(before),
            "{before}\n  should become\n{after}\n  but the module is\n{fixed}"
        );
    }
}

#[test]
fn configuration_example_is_a_valid_configuration() {
    let config = readme_block("[tool.djsafe]");
    for key in ["per-file-ignores", "extend-select", "extend-ignore"] {
        assert!(config.contains(key), "the example shows `{key}`");
    }
    let repository = dblood_repository();
    std::fs::write(repository.path().join("pyproject.toml"), &config).unwrap();
    let run = djsafe_in(repository.path(), &["check", "."]);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
}
