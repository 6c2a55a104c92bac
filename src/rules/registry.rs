//! Rule metadata, read from the TOML files in `rules/` that are embedded into the binary.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// Severity of a finding in a production module.
    pub severity: Severity,
    pub security_severity: String,
    pub precision: String,
    pub cwe: Vec<String>,
    pub tags: Vec<String>,
    pub django_check: Option<String>,
    pub help_uri: String,
    /// One line telling how to fix a finding.
    pub fix: String,
    /// Markdown in four sections: What it does / Why is this bad? / Example / References.
    pub docs: String,
}

/// The rule files, in id order. `tests` checks that every file in `rules/` is listed here.
pub const RULE_FILES: &[(&str, &str)] = &[
    (
        "DJS001-debug-enabled.toml",
        include_str!("../../rules/DJS001-debug-enabled.toml"),
    ),
    (
        "DJS002-allowed-hosts-wildcard.toml",
        include_str!("../../rules/DJS002-allowed-hosts-wildcard.toml"),
    ),
    (
        "DJS003-hardcoded-secret-key.toml",
        include_str!("../../rules/DJS003-hardcoded-secret-key.toml"),
    ),
    (
        "DJS004-hsts-not-set.toml",
        include_str!("../../rules/DJS004-hsts-not-set.toml"),
    ),
];

/// Every rule's metadata. The files are part of the binary and tested, so a parse failure is a
/// build defect, not a user error.
pub fn all() -> &'static [RuleMeta] {
    static RULES: OnceLock<Vec<RuleMeta>> = OnceLock::new();
    RULES.get_or_init(|| {
        RULE_FILES
            .iter()
            .map(|(file, text)| {
                toml::from_str(text).unwrap_or_else(|e| panic!("rules/{file} is invalid: {e}"))
            })
            .collect()
    })
}

/// A rule by id (`DJS001`) or name (`debug-enabled`), case-insensitively.
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    all()
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_is_embedded_and_complete() {
        let mut on_disk: Vec<String> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect();
        on_disk.sort();
        let embedded: Vec<&str> = RULE_FILES.iter().map(|(f, _)| *f).collect();
        assert_eq!(on_disk, embedded, "rules/ and RULE_FILES differ");
        for (rule, (file, _)) in all().iter().zip(RULE_FILES) {
            assert_eq!(
                *file,
                format!("{}-{}.toml", rule.id, rule.name),
                "file name must be ID-name"
            );
            assert!(
                rule.summary.len() <= 1024 && !rule.summary.is_empty(),
                "{}: summary",
                rule.id
            );
            assert!(
                rule.tags.iter().any(|t| t == "security"),
                "{}: tags need `security`",
                rule.id
            );
            let score: f64 = rule.security_severity.parse().unwrap();
            assert!(
                score > 0.0 && score <= 10.0,
                "{}: security_severity",
                rule.id
            );
            let mut last = 0;
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## References",
            ] {
                let at = rule
                    .docs
                    .find(section)
                    .unwrap_or_else(|| panic!("{}: docs lack `{section}`", rule.id));
                assert!(at >= last, "{}: `{section}` is out of order", rule.id);
                last = at;
            }
            assert!(
                rule.docs.contains("docs.djangoproject.com"),
                "{}: docs must link Django's docs",
                rule.id
            );
        }
    }

    #[test]
    fn rules_are_found_by_id_or_name() {
        assert_eq!(
            find("djs001").map(|r| r.name.as_str()),
            Some("debug-enabled")
        );
        assert_eq!(
            find("hardcoded-secret-key").map(|r| r.id.as_str()),
            Some("DJS003")
        );
        assert!(find("DJS999").is_none());
    }
}
