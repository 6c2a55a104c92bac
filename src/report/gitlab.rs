//! GitLab Code Quality: a JSON array of issues (the Code Climate subset GitLab reads), shown in
//! merge request widgets and diffs when uploaded as a `codequality` report artifact.
//!
//! Diagnostics (files djsafe could not read or resolve) are `info` issues, so a syntax error in
//! a settings module is visible in the merge request rather than only in the job log.

use serde::Serialize;

use super::{kind_name, scenario_phrase};
use crate::diagnostic::DiagnosticKind;
use crate::fingerprint::{fingerprints, fnv1a_64};
use crate::lint::Outcome;
use crate::rules::registry::Severity;

#[derive(Serialize)]
struct Issue {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: String,
    description: String,
    categories: [&'static str; 1],
    severity: &'static str,
    /// The finding's fingerprint (see `crate::fingerprint`): stable across runs and line moves.
    fingerprint: String,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn render(outcome: &Outcome) -> String {
    let sources = &outcome.project.sources;
    let mut issues: Vec<Issue> = outcome
        .findings
        .iter()
        .zip(fingerprints(outcome))
        .map(|(f, fingerprint)| {
            let file = sources.get(f.span.file);
            let begin = file.position(f.span.start).line;
            let end = file.position(f.span.end).line;
            Issue {
                kind: "issue",
                check_name: f.rule.id.clone(),
                description: format!(
                    "{} {}: {} (in {}, {}, {})",
                    f.rule.id,
                    f.rule.name,
                    f.message,
                    f.module,
                    f.profile,
                    scenario_phrase(&f.scenario)
                ),
                categories: ["Security"],
                severity: match f.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Note => "info",
                },
                fingerprint,
                location: Location {
                    path: file.display.clone(),
                    lines: Lines { begin, end },
                },
            }
        })
        .collect();
    for d in &outcome.diagnostics {
        if d.kind == DiagnosticKind::NoSettings {
            continue;
        }
        let (path, line) = d.file_and_line(sources);
        let kind = kind_name(d.kind);
        let line = line.unwrap_or(1);
        issues.push(Issue {
            kind: "issue",
            check_name: format!("djsafe/{kind}"),
            description: format!("djsafe {kind}: {}", d.message),
            categories: ["Bug Risk"],
            severity: "info",
            fingerprint: fnv1a_64(&[&kind, &path, &d.message]),
            location: Location {
                path,
                lines: Lines {
                    begin: line,
                    end: line,
                },
            },
        });
    }
    let mut out = serde_json::to_string_pretty(&issues)
        .expect("the Code Quality report serializes: it holds only strings and numbers");
    out.push('\n');
    out
}
