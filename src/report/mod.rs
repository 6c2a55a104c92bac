//! Writing a lint outcome: miette diagnostics for people, JSON and SARIF for tools, workflow
//! commands for GitHub Actions logs, Code Quality JSON for GitLab, and per-rule counts.

pub mod github;
pub mod gitlab;
pub mod json;
mod markdown;
pub mod sarif;
pub mod statistics;
pub mod text;

use crate::lint::Outcome;
use crate::source::SourceMap;

/// One import of a finding's chain, or the line the value was written on.
#[derive(serde::Serialize)]
pub struct ChainLink {
    pub file: String,
    pub line: usize,
    pub text: String,
}

/// The import statements of a finding, then the line that wrote the value.
pub fn chain_links(sources: &SourceMap, finding: &crate::finding::Finding) -> Vec<ChainLink> {
    finding
        .chain
        .iter()
        .chain(std::iter::once(&finding.span))
        .map(|span| {
            let file = sources.get(span.file);
            let line = file.position(span.start).line;
            ChainLink {
                file: file.display.clone(),
                line,
                text: file.shown_line_text(line).trim().to_string(),
            }
        })
        .collect()
}

/// The Django release whose defaults were used, as JSON and SARIF write it:
/// `{"version": "4.2", "source": "requirements.txt:3"}`, `source` null when nothing pins it.
#[derive(serde::Serialize)]
pub struct DjangoRelease {
    pub version: String,
    pub source: Option<String>,
}

impl DjangoRelease {
    pub fn of(outcome: &Outcome) -> Self {
        DjangoRelease {
            version: outcome.django.version(),
            source: outcome.django.source.clone(),
        }
    }
}

/// The lines people read under a finding: the import chain (when the value came from another
/// module), joined with `separator`, then the notes.
pub fn chain_and_notes(
    sources: &SourceMap,
    finding: &crate::finding::Finding,
    separator: &str,
) -> Vec<String> {
    let mut lines = Vec::new();
    let links = chain_links(sources, finding);
    if links.len() > 1 {
        let steps: Vec<String> = links
            .iter()
            .map(|l| format!("{}:{} `{}`", l.file, l.line, l.text))
            .collect();
        lines.push(format!("chain: {}", steps.join(separator)));
    }
    lines.extend(finding.notes.iter().map(|note| format!("note: {note}")));
    lines
}

/// Modules whose findings are reported (development modules are listed but not linted).
pub fn reported_modules(outcome: &Outcome) -> usize {
    outcome.modules.iter().filter(|m| m.reported).count()
}

/// A diagnostic kind as written in every output: `parse-error`, `unresolved-import`...
pub fn kind_name(kind: crate::diagnostic::DiagnosticKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// How a finding's scenario reads after "DEBUG is True": `in every environment`, `when X unset`.
pub fn scenario_phrase(scenario: &str) -> String {
    match scenario {
        "always" => "in every environment".to_string(),
        scenario => format!("when {scenario}"),
    }
}
