//! The report for people: each finding as a miette diagnostic with the source line, the import
//! chain and how to fix it; then what djsafe could not read or resolve; then a summary line.

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    NamedSource, Severity as MietteSeverity,
};

use super::{chain_and_notes, reported_modules};
use crate::diagnostic::{Diagnostic, Location};
use crate::finding::Finding;
use crate::lint::Outcome;
use crate::rules::registry::Severity;
use crate::source::{SourceMap, Span};

/// Output width: fixed, so the report is the same bytes on every terminal.
const WIDTH: usize = 100;

pub fn render(outcome: &Outcome, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false);
    let sources = &outcome.project.sources;
    let mut out = String::new();
    if !outcome.modules.is_empty() {
        out.push_str(&format!("Django defaults: {}\n", outcome.django.describe()));
        out.push_str("Settings modules:\n");
        let width = outcome
            .modules
            .iter()
            .map(|m| m.module.len())
            .max()
            .unwrap_or(0);
        for m in &outcome.modules {
            let note = if m.reported {
                String::new()
            } else {
                " (not reported: development)".into()
            };
            out.push_str(&format!(
                "  {:width$}  {:11}  {}{note}\n",
                m.module,
                m.profile.to_string(),
                m.profile_reason
            ));
        }
        out.push('\n');
    }
    for finding in &outcome.findings {
        render_one(&handler, &finding_report(sources, finding), &mut out);
    }
    for diagnostic in &outcome.diagnostics {
        match &diagnostic.location {
            Location::Span(span) => render_one(
                &handler,
                &diagnostic_report(sources, diagnostic, *span),
                &mut out,
            ),
            Location::Path { file, line } => {
                let at = line
                    .map(|l| format!("{file}:{l}"))
                    .unwrap_or_else(|| file.clone());
                out.push_str(&format!(
                    "warning: {at}: {} [{}]\n\n",
                    diagnostic.message,
                    kind_name(diagnostic)
                ));
            }
        }
    }
    out.push_str(&summary(outcome));
    out
}

fn render_one(handler: &GraphicalReportHandler, report: &Report, out: &mut String) {
    // Rendering into a String cannot fail: fmt::Write for String is infallible.
    let _ = handler.render_report(out, report);
    out.push('\n');
}

fn summary(outcome: &Outcome) -> String {
    let modules = reported_modules(outcome);
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut out = match outcome.findings.len() {
        0 => format!(
            "No problems found in {}.\n",
            plural(modules, "settings module")
        ),
        n => format!(
            "Found {} in {}.\n",
            plural(n, "problem"),
            plural(modules, "settings module")
        ),
    };
    // As ruff: say that fixes exist, and that they are the unsafe kind.
    let fixable = outcome.findings.iter().filter(|f| f.fix.is_some()).count();
    if fixable > 0 {
        let (n, es) = if fixable == 1 {
            (1, "")
        } else {
            (fixable, "es")
        };
        out.push_str(&format!(
            "{n} unsafe fix{es} available with `--fix --unsafe-fixes` (`--diff --unsafe-fixes` shows them).\n"
        ));
    }
    out
}

fn kind_name(diagnostic: &Diagnostic) -> String {
    serde_json::to_value(diagnostic.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn finding_report(sources: &SourceMap, finding: &Finding) -> Report {
    let mut help = finding.rule.fix.clone();
    if let Some(fix) = &finding.fix {
        help.push_str(&format!("\nunsafe fix: {}", fix.message));
    }
    for line in chain_and_notes(sources, finding, "\n     → ") {
        help.push('\n');
        help.push_str(&line);
    }
    let label = match finding.scenario.as_str() {
        _ if crate::rules::AFTER_SUPPRESSION.contains(&finding.rule.id.as_str()) => {
            "silences nothing".to_string()
        }
        "always" => "in every environment".to_string(),
        "default" => "the setting is left at Django's default".to_string(),
        scenario if scenario.contains(" unset") || scenario.contains('=') => {
            format!("when {scenario}")
        }
        deployment => format!("with the environment {deployment} sets"),
    };
    Report {
        message: format!(
            "{}{} [{} {}]: {}",
            finding.module,
            finding
                .environment
                .as_ref()
                .map(|e| format!(" {}", e.introduced()))
                .unwrap_or_default(),
            finding.profile,
            finding.severity,
            finding.message
        ),
        code: format!("{} {}", finding.rule.id, finding.rule.name),
        severity: match finding.severity {
            Severity::Error => MietteSeverity::Error,
            Severity::Warning => MietteSeverity::Warning,
            Severity::Note => MietteSeverity::Advice,
        },
        help: Some(help),
        source: source_of(sources, finding.span),
        label: LabeledSpan::new_primary_with_span(Some(label), shown_range(sources, finding.span)),
    }
}

fn diagnostic_report(sources: &SourceMap, diagnostic: &Diagnostic, span: Span) -> Report {
    Report {
        message: diagnostic.message.clone(),
        code: kind_name(diagnostic),
        severity: MietteSeverity::Warning,
        help: None,
        source: source_of(sources, span),
        label: LabeledSpan::new_primary_with_span(None, shown_range(sources, span)),
    }
}

/// The file a snippet shows: its text, or what stands for it in the file it was written in (a
/// ConfigMap's Python file with its Helm template expressions, see `SourceFile::shown`).
fn source_of(sources: &SourceMap, span: Span) -> NamedSource<String> {
    let file = sources.get(span.file);
    let (text, _, _) = file.shown(span.start, span.end);
    NamedSource::new(&file.display, text.to_string())
}

fn shown_range(sources: &SourceMap, span: Span) -> std::ops::Range<usize> {
    let (_, start, end) = sources.get(span.file).shown(span.start, span.end);
    start..end
}

#[derive(Debug)]
struct Report {
    message: String,
    code: String,
    severity: MietteSeverity,
    help: Option<String>,
    source: NamedSource<String>,
    label: LabeledSpan,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl MietteDiagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<MietteSeverity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}
