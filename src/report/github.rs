//! GitHub Actions workflow commands: each finding as an `::error`/`::warning`/`::notice` line,
//! which the Actions runner turns into an annotation on the pull request's diff.

use super::{chain_and_notes, kind_name, scenario_phrase};
use crate::diagnostic::DiagnosticKind;
use crate::lint::Outcome;
use crate::rules::registry::Severity;

pub fn render(outcome: &Outcome) -> String {
    let sources = &outcome.project.sources;
    let mut out = String::new();
    for finding in &outcome.findings {
        let start = sources.start(finding.span);
        let end = sources.end(finding.span);
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut message = format!(
            "{}\nin {} ({}) {}",
            finding.message,
            finding.module,
            finding.profile,
            scenario_phrase(&finding.scenario)
        );
        for line in chain_and_notes(sources, finding, " → ") {
            message.push('\n');
            message.push_str(&line);
        }
        message.push_str(&format!("\nhelp: {}", finding.rule.fix));
        let properties = [
            ("file", sources.get(finding.span.file).display.clone()),
            ("line", start.line.to_string()),
            ("col", start.column.to_string()),
            ("endLine", end.line.to_string()),
            ("endColumn", end.column.to_string()),
            (
                "title",
                format!("{} {}", finding.rule.id, finding.rule.name),
            ),
        ];
        out.push_str(&command_line(command, &properties, &message));
    }
    for diagnostic in &outcome.diagnostics {
        let (file, line) = diagnostic.file_and_line(sources);
        let mut properties = Vec::new();
        if diagnostic.kind != DiagnosticKind::NoSettings {
            properties.push(("file", file));
            if let Some(line) = line {
                properties.push(("line", line.to_string()));
            }
        }
        properties.push(("title", format!("djsafe {}", kind_name(diagnostic.kind))));
        out.push_str(&command_line("warning", &properties, &diagnostic.message));
    }
    out
}

/// `::command key=value,key=value::message` with GitHub's escaping.
fn command_line(command: &str, properties: &[(&str, String)], message: &str) -> String {
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    format!(
        "::{command} {}::{}\n",
        properties.join(","),
        escape_data(message)
    )
}

/// The message of a workflow command: `%`, CR and LF are percent-encoded.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as data, and also `:` and `,`, which separate the command's parts.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(
            command_line("error", &[("file", "a,b.py".into())], "x: y"),
            "::error file=a%2Cb.py::x: y\n"
        );
    }
}
