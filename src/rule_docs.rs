//! `djsafe rules` and `djsafe rule ID`: the rule documentation as the product ships it.

use serde::Serialize;

use crate::cli::ListFormat;
use crate::rules::registry::{self, RuleMeta, Severity};

#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    name: &'a str,
    severity: Severity,
    /// Every Django check id the rule mirrors (`[]` when none).
    django_check: &'a [String],
    summary: &'a str,
}

pub fn list(format: ListFormat) -> String {
    let rules = registry::all();
    match format {
        ListFormat::Json => {
            let listed: Vec<Listed> = rules
                .iter()
                .map(|r| Listed {
                    id: &r.id,
                    name: &r.name,
                    severity: r.severity,
                    django_check: &r.django_check,
                    summary: &r.summary,
                })
                .collect();
            serde_json::to_string_pretty(&listed).expect("rule metadata serializes") + "\n"
        }
        ListFormat::Text => {
            let name_width = rules.iter().map(|r| r.name.len()).max().unwrap_or(4).max(4);
            let checks = |r: &RuleMeta| match r.django_check.as_slice() {
                [] => "-".to_string(),
                ids => ids.join(","),
            };
            let check_width = rules
                .iter()
                .map(|r| checks(r).len())
                .max()
                .unwrap_or(0)
                .max(12);
            let mut out = format!(
                "{:6}  {:name_width$}  {:8}  {:check_width$}  {}\n",
                "ID", "NAME", "SEVERITY", "DJANGO CHECK", "SUMMARY"
            );
            for r in rules {
                let check = checks(r);
                out.push_str(&format!(
                    "{:6}  {:name_width$}  {:8}  {:check_width$}  {}\n",
                    r.id,
                    r.name,
                    r.severity.to_string(),
                    check,
                    r.summary
                ));
            }
            out
        }
    }
}

pub fn explain(rule: &RuleMeta) -> String {
    let mut out = format!("# {} ({})\n\n{}\n\n", rule.name, rule.id, rule.summary);
    out.push_str(&format!(
        "Severity in production: {}. Staging findings are one level lower.\n",
        rule.severity
    ));
    match rule.django_check.as_slice() {
        [] => {}
        [check] => out.push_str(&format!(
            "Mirrors Django's `check --deploy` id `{check}`.\n"
        )),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(|c| format!("`{c}`")).collect();
            out.push_str(&format!(
                "Mirrors Django's `check --deploy` ids {} and `{last}`.\n",
                rest.join(", ")
            ));
        }
    }
    if rule.opt_in {
        out.push_str(&format!(
            "Off by default: run it with `--extend-select {}` (or `extend-select` in the configuration).\n",
            rule.name
        ));
    }
    if !rule.cwe.is_empty() {
        out.push_str(&format!("CWE: {}.\n", rule.cwe.join(", ")));
    }
    out.push('\n');
    out.push_str(rule.docs.trim());
    out.push('\n');
    out
}
