//! Problems djsafe met while reading the project (as opposed to findings about its settings):
//! files it could not read or parse, imports it could not follow, values it could not determine.

use crate::source::{SourceMap, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticKind {
    ReadError,
    Encoding,
    FileTooLarge,
    ParseError,
    UnresolvedImport,
    ImportCycle,
    UnresolvedSettingsModule,
    /// A module a deployment or entry point names defines no settings.
    NoSettingsDefined,
    UnresolvedSetting,
    NoSettings,
    /// Importing a settings module raises under the environment linted: Django does not start
    /// with it.
    ImportFails,
}

/// Where a diagnostic points: a span in a loaded file, or a path (and maybe a line) djsafe could not load.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    Span(Span),
    Path { file: String, line: Option<usize> },
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn at(kind: DiagnosticKind, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            kind,
            location: Location::Span(span),
            message: message.into(),
        }
    }

    pub fn in_file(
        kind: DiagnosticKind,
        file: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            kind,
            location: Location::Path {
                file: file.into(),
                line,
            },
            message: message.into(),
        }
    }

    /// The file (display path) and 1-based line this diagnostic points at.
    pub fn file_and_line(&self, sources: &SourceMap) -> (String, Option<usize>) {
        match &self.location {
            Location::Span(span) => (
                sources.get(span.file).display.clone(),
                Some(sources.start(*span).line),
            ),
            Location::Path { file, line } => (file.clone(), *line),
        }
    }
}
