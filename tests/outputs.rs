//! `--output-format github` and `gitlab`, `--statistics`, and SARIF columns on non-ASCII lines.

mod common;

use common::{djsafe, djsafe_in};
use serde_json::Value;

/// The rules the snapshots and exact assertions were written against: selecting them keeps the
/// tests about the formats, not about which rules exist (tests/projects.rs covers every rule).
const BASE: &str = "DJS001,DJS002,DJS003";

fn output(project: &str, args: &[&str]) -> (i32, String) {
    let path = format!("testdata/projects/{project}");
    let mut full = vec!["check", path.as_str()];
    full.extend_from_slice(args);
    let run = djsafe(&full);
    (run.code, run.stdout)
}

#[test]
fn github_workflow_commands() {
    for project in ["dblood", "star-chain-three-levels", "syntax-error"] {
        let (code, out) = output(project, &["--select", BASE, "--output-format", "github"]);
        assert_eq!(code, 1, "{project}: findings exit 1");
        for line in out.lines() {
            assert!(
                ["::error file=", "::warning file=", "::notice file="]
                    .iter()
                    .any(|p| line.starts_with(p)),
                "{project}: {line}"
            );
        }
        insta::assert_snapshot!(format!("{project}.github"), out);
    }
}

#[test]
fn github_output_has_one_line_per_finding_and_diagnostic() {
    for project in ["dblood", "syntax-error"] {
        let (_, out) = output(project, &["--output-format", "github"]);
        let (_, json) = output(project, &["--output-format", "json"]);
        let json: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            out.lines().count(),
            json["findings"].as_array().unwrap().len()
                + json["diagnostics"].as_array().unwrap().len(),
            "{project}"
        );
    }
    let (_, out) = output(
        "staging-deployed",
        &["--select", BASE, "--output-format", "github"],
    );
    assert_eq!(out.lines().count(), 4);
    assert!(out.starts_with(
        "::error file=dblood/settings/production.py,line=5,col=9,endLine=5,endColumn=46,title=DJS001 debug-enabled::"
    ));
    let (code, out) = output("empty-project", &["--output-format", "github"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("::warning title=djsafe no-settings::"),
        "{out}"
    );
}

#[test]
fn gitlab_code_quality() {
    for project in ["dblood", "star-chain-three-levels", "syntax-error"] {
        let (code, out) = output(project, &["--select", BASE, "--output-format", "gitlab"]);
        assert_eq!(code, 1, "{project}: findings exit 1");
        let issues: Value = serde_json::from_str(&out).expect("Code Quality JSON parses");
        let issues = issues.as_array().expect("an array of issues");
        let mut fingerprints = std::collections::BTreeSet::new();
        for issue in issues {
            for key in ["description", "check_name", "fingerprint", "severity"] {
                assert!(
                    issue[key].as_str().is_some_and(|s| !s.is_empty()),
                    "{project}: {key}"
                );
            }
            assert!(
                ["info", "minor", "major", "critical", "blocker"]
                    .contains(&issue["severity"].as_str().unwrap())
            );
            assert!(issue["location"]["path"].as_str().is_some());
            assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
            assert!(
                fingerprints.insert(issue["fingerprint"].to_string()),
                "{project}: fingerprints are unique"
            );
        }
        insta::assert_snapshot!(format!("{project}.gitlab"), out);
    }
    let (_, again) = output("dblood", &["--output-format", "gitlab"]);
    assert_eq!(
        again,
        output("dblood", &["--output-format", "gitlab"]).1,
        "deterministic"
    );
    let (code, out) = output(
        "secure-settings",
        &["--select", BASE, "--output-format", "gitlab"],
    );
    assert_eq!((code, out.as_str()), (0, "[]\n"));
}

#[test]
fn gitlab_fingerprints_survive_a_line_move() {
    let dir = tempfile::tempdir().unwrap();
    let write = |prefix: &str| {
        std::fs::write(
            dir.path().join("settings.py"),
            format!("{prefix}DEBUG = True\nINSTALLED_APPS = []\n"),
        )
        .unwrap();
        let run = djsafe_in(
            dir.path(),
            &["check", "--select", "DJS001", "--output-format", "gitlab"],
        );
        let issues: Value = serde_json::from_str(&run.stdout).unwrap();
        (
            issues[0]["fingerprint"].clone(),
            issues[0]["location"]["lines"]["begin"].clone(),
        )
    };
    let (before, line_before) = write("");
    let (after, line_after) = write("# a comment\n\n");
    assert_eq!((line_before, line_after), (1.into(), 3.into()));
    assert_eq!(before, after);
}

#[test]
fn statistics_count_findings_per_rule() {
    let (code, out) = output("staging-deployed", &["--select", BASE, "--statistics"]);
    assert_eq!(code, 1, "findings still exit 1");
    insta::assert_snapshot!("staging-deployed.statistics", out);
    let (code, out) = output(
        "staging-deployed",
        &["--select", BASE, "--statistics", "--output-format", "json"],
    );
    assert_eq!(code, 1);
    let counts: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(counts[0]["rule"], "DJS001");
    assert_eq!(counts[0]["count"], 2);
    // With every rule, the counts add up to the findings of the JSON report.
    let (_, out) = output(
        "staging-deployed",
        &["--statistics", "--output-format", "json"],
    );
    let counts: Value = serde_json::from_str(&out).unwrap();
    let (_, report) = output("staging-deployed", &["--output-format", "json"]);
    let report: Value = serde_json::from_str(&report).unwrap();
    let total: u64 = counts
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, report["findings"].as_array().unwrap().len());
    let (code, out) = output("secure-settings", &["--select", BASE, "--statistics"]);
    assert_eq!((code, out.as_str()), (0, "No problems found.\n"));
    let (code, _) = output("dblood", &["--statistics", "--exit-zero"]);
    assert_eq!(code, 0);
    let run = djsafe(&[
        "check",
        "testdata/projects/dblood",
        "--statistics",
        "--output-format",
        "sarif",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--statistics"), "{}", run.stderr);
}

/// tree-sitter spans are bytes; SARIF columns are UTF-16 code units, the JSON's characters.
#[test]
fn sarif_columns_count_utf16_code_units_on_non_ascii_lines() {
    let dir = tempfile::tempdir().unwrap();
    let line = "X = 'é😀'; DEBUG = True";
    std::fs::write(
        dir.path().join("settings.py"),
        format!("# café\n{line}\nINSTALLED_APPS = []\n"),
    )
    .unwrap();
    let before = &line[..line.find("True").unwrap()];
    let (bytes, chars, utf16) = (
        before.len(),
        before.chars().count(),
        before.encode_utf16().count(),
    );
    assert_eq!(
        (bytes, chars, utf16),
        (22, 18, 19),
        "the line is what the test expects"
    );

    let run = djsafe_in(
        dir.path(),
        &["check", "--select", "DJS001", "--output-format", "sarif"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "DJS001");
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "settings.py");
    let region = &physical["region"];
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"], utf16 + 1);
    assert_eq!(region["endColumn"], utf16 + 1 + "True".len());

    let run = djsafe_in(
        dir.path(),
        &["check", "--select", "DJS001", "--output-format", "json"],
    );
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["findings"][0]["column"], chars + 1);
}

#[test]
fn paths_with_spaces_are_percent_encoded_uris() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("my site");
    std::fs::create_dir(&package).unwrap();
    std::fs::write(
        package.join("settings.py"),
        "DEBUG = True\nINSTALLED_APPS = []\n",
    )
    .unwrap();
    let run = djsafe_in(
        dir.path(),
        &["check", "--select", "DJS001", "--output-format", "sarif"],
    );
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "my%20site/settings.py"
    );
}
