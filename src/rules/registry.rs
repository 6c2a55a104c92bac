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
    /// The ids of Django's checks the rule mirrors (`security.W010`...), empty when none.
    #[serde(default)]
    pub django_check: Vec<String>,
    /// Off unless selected (`--extend-select`), like ruff's RUF100.
    #[serde(default)]
    pub opt_in: bool,
    /// About how the site answers HTTP requests (hosts, HTTPS, headers, cookies, CORS): not
    /// checked in the environment of a process that serves none (a celery worker, a management
    /// command), where the value never meets a request.
    #[serde(default)]
    pub http: bool,
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
    (
        "DJS005-security-middleware-missing.toml",
        include_str!("../../rules/DJS005-security-middleware-missing.toml"),
    ),
    (
        "DJS006-xframe-middleware-missing.toml",
        include_str!("../../rules/DJS006-xframe-middleware-missing.toml"),
    ),
    (
        "DJS007-csrf-middleware-missing.toml",
        include_str!("../../rules/DJS007-csrf-middleware-missing.toml"),
    ),
    (
        "DJS008-hsts-include-subdomains-off.toml",
        include_str!("../../rules/DJS008-hsts-include-subdomains-off.toml"),
    ),
    (
        "DJS009-hsts-preload-off.toml",
        include_str!("../../rules/DJS009-hsts-preload-off.toml"),
    ),
    (
        "DJS010-content-type-nosniff-off.toml",
        include_str!("../../rules/DJS010-content-type-nosniff-off.toml"),
    ),
    (
        "DJS011-ssl-redirect-off.toml",
        include_str!("../../rules/DJS011-ssl-redirect-off.toml"),
    ),
    (
        "DJS012-x-frame-options-not-deny.toml",
        include_str!("../../rules/DJS012-x-frame-options-not-deny.toml"),
    ),
    (
        "DJS013-referrer-policy-unset.toml",
        include_str!("../../rules/DJS013-referrer-policy-unset.toml"),
    ),
    (
        "DJS014-referrer-policy-invalid.toml",
        include_str!("../../rules/DJS014-referrer-policy-invalid.toml"),
    ),
    (
        "DJS015-cross-origin-opener-policy-invalid.toml",
        include_str!("../../rules/DJS015-cross-origin-opener-policy-invalid.toml"),
    ),
    (
        "DJS020-weak-secret-key.toml",
        include_str!("../../rules/DJS020-weak-secret-key.toml"),
    ),
    (
        "DJS021-weak-secret-key-fallbacks.toml",
        include_str!("../../rules/DJS021-weak-secret-key-fallbacks.toml"),
    ),
    (
        "DJS022-allowed-hosts-empty.toml",
        include_str!("../../rules/DJS022-allowed-hosts-empty.toml"),
    ),
    (
        "DJS023-session-cookie-insecure.toml",
        include_str!("../../rules/DJS023-session-cookie-insecure.toml"),
    ),
    (
        "DJS024-session-cookie-httponly-off.toml",
        include_str!("../../rules/DJS024-session-cookie-httponly-off.toml"),
    ),
    (
        "DJS025-csrf-cookie-insecure.toml",
        include_str!("../../rules/DJS025-csrf-cookie-insecure.toml"),
    ),
    (
        "DJS026-cache-location-exposed.toml",
        include_str!("../../rules/DJS026-cache-location-exposed.toml"),
    ),
    (
        "DJS027-development-email-backend.toml",
        include_str!("../../rules/DJS027-development-email-backend.toml"),
    ),
    (
        "DJS028-async-unsafe-allowed.toml",
        include_str!("../../rules/DJS028-async-unsafe-allowed.toml"),
    ),
    (
        "DJS030-cors-allow-all-origins.toml",
        include_str!("../../rules/DJS030-cors-allow-all-origins.toml"),
    ),
    (
        "DJS031-cors-insecure-origins.toml",
        include_str!("../../rules/DJS031-cors-insecure-origins.toml"),
    ),
    (
        "DJS032-csrf-trusted-origins-insecure.toml",
        include_str!("../../rules/DJS032-csrf-trusted-origins-insecure.toml"),
    ),
    (
        "DJS033-hardcoded-credential.toml",
        include_str!("../../rules/DJS033-hardcoded-credential.toml"),
    ),
    (
        "DJS034-secret-key-generated-at-import.toml",
        include_str!("../../rules/DJS034-secret-key-generated-at-import.toml"),
    ),
    (
        "DJS035-development-apps-enabled.toml",
        include_str!("../../rules/DJS035-development-apps-enabled.toml"),
    ),
    (
        "DJS036-internal-ips-wildcard.toml",
        include_str!("../../rules/DJS036-internal-ips-wildcard.toml"),
    ),
    (
        "DJS037-weak-password-hasher.toml",
        include_str!("../../rules/DJS037-weak-password-hasher.toml"),
    ),
    (
        "DJS038-password-validators-empty.toml",
        include_str!("../../rules/DJS038-password-validators-empty.toml"),
    ),
    (
        "DJS039-pickle-session-serializer.toml",
        include_str!("../../rules/DJS039-pickle-session-serializer.toml"),
    ),
    (
        "DJS040-debug-propagate-exceptions.toml",
        include_str!("../../rules/DJS040-debug-propagate-exceptions.toml"),
    ),
    (
        "DJS041-template-debug-enabled.toml",
        include_str!("../../rules/DJS041-template-debug-enabled.toml"),
    ),
    (
        "DJS042-proxy-ssl-header-without-redirect.toml",
        include_str!("../../rules/DJS042-proxy-ssl-header-without-redirect.toml"),
    ),
    (
        "DJS043-world-writable-upload-permissions.toml",
        include_str!("../../rules/DJS043-world-writable-upload-permissions.toml"),
    ),
    (
        "DJS044-samesite-none-without-secure.toml",
        include_str!("../../rules/DJS044-samesite-none-without-secure.toml"),
    ),
    (
        "DJS045-eval-of-environment.toml",
        include_str!("../../rules/DJS045-eval-of-environment.toml"),
    ),
    (
        "DJS046-psycopg2-binary-in-production.toml",
        include_str!("../../rules/DJS046-psycopg2-binary-in-production.toml"),
    ),
    (
        "DJS047-development-packages-in-production.toml",
        include_str!("../../rules/DJS047-development-packages-in-production.toml"),
    ),
    (
        "DJS048-unused-noqa.toml",
        include_str!("../../rules/DJS048-unused-noqa.toml"),
    ),
    (
        "DJS049-server-default-is-development.toml",
        include_str!("../../rules/DJS049-server-default-is-development.toml"),
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
