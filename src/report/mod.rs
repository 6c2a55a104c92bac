//! Writing a lint outcome: miette diagnostics for people, JSON for tools.

pub mod json;
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
                text: file.line_text(line).trim().to_string(),
            }
        })
        .collect()
}

/// Modules whose findings are reported (development modules are listed but not linted).
pub fn reported_modules(outcome: &Outcome) -> usize {
    outcome.modules.iter().filter(|m| m.reported).count()
}
