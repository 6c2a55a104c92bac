//! docs/rules.md is generated from the rule files (through `djsafe rules` and `djsafe rule`) and
//! must stay up to date: run `DJSAFE_UPDATE_DOCS=1 cargo test --test docs` after changing rules/.

mod common;

use common::djsafe;
use serde_json::Value;

fn generated() -> String {
    let rules: Vec<Value> =
        serde_json::from_str(&djsafe(&["rules", "--output-format", "json"]).stdout).unwrap();
    let mut out = String::from(
        "# djsafe rules\n\n<!-- Generated from rules/*.toml by tests/docs.rs (DJSAFE_UPDATE_DOCS=1 cargo test --test docs); do not edit. -->\n\n",
    );
    out.push_str("| id | name | severity | Django check | summary |\n|---|---|---|---|---|\n");
    for rule in &rules {
        let checks: Vec<String> = rule["django_check"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| format!("`{}`", c.as_str().unwrap()))
            .collect();
        let check = if checks.is_empty() {
            "-".to_string()
        } else {
            checks.join(", ")
        };
        let id = rule["id"].as_str().unwrap();
        let name = rule["name"].as_str().unwrap();
        let anchor = format!("{name}-{}", id.to_lowercase());
        out.push_str(&format!(
            "| [{id}](#{anchor}) | {name} | {severity} | {check} | {summary} |\n",
            severity = rule["severity"].as_str().unwrap(),
            summary = rule["summary"].as_str().unwrap().replace('|', "\\|"),
        ));
    }
    for rule in &rules {
        let page = djsafe(&["rule", rule["id"].as_str().unwrap()]);
        assert_eq!(page.code, 0);
        // Each rule's page becomes a section: its title one level down, its sections two.
        out.push('\n');
        for line in page.stdout.lines() {
            if line.starts_with('#') {
                out.push('#');
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn rules_md_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let expected = generated();
    if std::env::var_os("DJSAFE_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == expected,
        "docs/rules.md is out of date with rules/: run `DJSAFE_UPDATE_DOCS=1 cargo test --test docs`"
    );
}
