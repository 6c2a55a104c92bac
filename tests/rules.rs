//! Every rule has fixtures under testdata/rules/<ID>/: `bad` gives at least one finding of that
//! rule (its text output is a snapshot), `good` gives none, and so do the other folders whose
//! names start with `bad-` and `good-` (edge cases).

mod common;

use common::djsafe;

fn findings_of(rule: &str, dir: &str) -> (Vec<serde_json::Value>, i32) {
    let run = djsafe(&["check", dir, "--select", rule, "--output-format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON output parses");
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    (findings, run.code)
}

#[test]
fn every_rule_fires_on_its_bad_fixture_and_not_on_its_good_one() {
    let rules = djsafe(&["rules", "--output-format", "json"]);
    let rules: Vec<serde_json::Value> = serde_json::from_str(&rules.stdout).unwrap();
    assert!(!rules.is_empty());
    let mut failures = Vec::new();
    for rule in &rules {
        let id = rule["id"].as_str().unwrap();
        let bad = format!("testdata/rules/{id}/bad");
        let good = format!("testdata/rules/{id}/good");
        for dir in [&bad, &good] {
            if !std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(dir)
                .is_dir()
            {
                failures.push(format!("{id}: {dir} is missing"));
            }
        }
        for case in cases(id) {
            let dir = format!("testdata/rules/{id}/{case}");
            let (found, code) = findings_of(id, &dir);
            if case.starts_with("bad")
                && (found.is_empty() || code != 1 || found.iter().any(|f| f["rule"] != *id))
            {
                failures.push(format!("{id}: {case} gave {found:?} (exit {code})"));
            }
            if case.starts_with("good") && (!found.is_empty() || code != 0) {
                failures.push(format!("{id}: {case} gave {found:?} (exit {code})"));
            }
        }
        let text = djsafe(&["check", &bad, "--select", id, "--color", "never"]);
        insta::assert_snapshot!(format!("{id}-bad"), text.stdout);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The fixture folders of a rule whose names say what they expect.
fn cases(id: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/rules")
        .join(id);
    let mut cases: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    cases.retain(|c| c.starts_with("bad") || c.starts_with("good"));
    cases.sort();
    cases
}
