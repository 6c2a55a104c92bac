//! The JSON report. Other tools consume it: the field names and `version` are a stable contract
//! (documented in README.md); add fields, never rename them.

use serde::Serialize;

use super::{ChainLink, DjangoRelease, chain_links};
use crate::lint::Outcome;
use crate::profile::Profile;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    /// The Django release whose defaults settings that are never assigned get.
    django: DjangoRelease,
    modules: Vec<Module<'a>>,
    findings: Vec<Finding<'a>>,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Serialize)]
struct Module<'a> {
    module: &'a str,
    profile: Profile,
    profile_reason: &'a str,
    file: &'a str,
    reported: bool,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    name: &'a str,
    severity: String,
    module: &'a str,
    profile: Profile,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    scenario: &'a str,
    /// The deployment (`docker-compose.prod.yml:4 (web)`) or probed value (`DJANGO_ENV='production'`)
    /// whose environment the finding holds in; null for every variable unset.
    deployment: Option<&'a str>,
    chain: Vec<ChainLink>,
    notes: &'a [String],
    /// The setting the finding is about; null for a requirement line.
    setting: Option<&'a str>,
    /// Stable across line moves (see `crate::fingerprint`).
    fingerprint: String,
    fix: Option<Fix<'a>>,
}

#[derive(Serialize)]
struct Fix<'a> {
    applicability: crate::fix::Applicability,
    message: &'a str,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    content: &'a str,
}

#[derive(Serialize)]
struct Diagnostic {
    kind: crate::diagnostic::DiagnosticKind,
    file: String,
    line: Option<usize>,
    message: String,
}

pub fn render(outcome: &Outcome) -> String {
    let sources = &outcome.project.sources;
    let report = Report {
        version: 1,
        django: DjangoRelease::of(outcome),
        modules: outcome
            .modules
            .iter()
            .map(|m| Module {
                module: &m.module,
                profile: m.profile,
                profile_reason: &m.profile_reason,
                file: &m.file,
                reported: m.reported,
            })
            .collect(),
        findings: outcome
            .findings
            .iter()
            .zip(crate::fingerprint::fingerprints(outcome))
            .map(|(f, fingerprint)| {
                let start = sources.start(f.span);
                let end = sources.end(f.span);
                Finding {
                    rule: &f.rule.id,
                    name: &f.rule.name,
                    severity: f.severity.to_string(),
                    module: &f.module,
                    profile: f.profile,
                    file: &sources.get(f.span.file).display,
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    message: &f.message,
                    scenario: &f.scenario,
                    deployment: f.environment.as_ref().map(|e| e.label()),
                    chain: chain_links(sources, f),
                    notes: &f.notes,
                    setting: f.setting.as_deref(),
                    fingerprint,
                    fix: f.fix.as_ref().map(|fix| Fix {
                        applicability: fix.applicability,
                        message: &fix.message,
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| {
                                let file = sources.get(e.file);
                                let start = file.position(e.start);
                                let end = file.position(e.end);
                                Edit {
                                    file: &file.display,
                                    line: start.line,
                                    column: start.column,
                                    end_line: end.line,
                                    end_column: end.column,
                                    content: &e.content,
                                }
                            })
                            .collect(),
                    }),
                }
            })
            .collect(),
        diagnostics: outcome
            .diagnostics
            .iter()
            .map(|d| {
                let (file, line) = d.file_and_line(sources);
                Diagnostic {
                    kind: d.kind,
                    file,
                    line,
                    message: d.message.clone(),
                }
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&report)
        .expect("the report serializes: it holds only strings and numbers");
    out.push('\n');
    out
}
