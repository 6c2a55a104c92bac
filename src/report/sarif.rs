//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! Hand-written structs holding only what djsafe fills in. The choices that matter to GitHub:
//! every enabled rule is listed (a result's `ruleIndex` is its rule's position in that list),
//! URIs are relative to the linted folder with `uriBaseId` `%SRCROOT%` (run djsafe from the
//! repository root), columns count UTF-16 code units (`columnKind`), one result stands for every
//! module in which a rule fires on the same expression, and the import chain and the deployment
//! files behind a finding are `relatedLocations` linked from the message as `[text](id)`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::markdown::{markdown_to_text, truncate};
use super::{DjangoRelease, kind_name, scenario_phrase};
use crate::diagnostic::{Diagnostic, DiagnosticKind, Location as DiagnosticLocation};
use crate::finding::Finding;
use crate::fingerprint::fingerprints;
use crate::lint::Outcome;
use crate::profile::Profile;
use crate::rules::registry::RuleMeta;
use crate::source::{SourceMap, Span};

/// The schema URI GitHub's documentation uses.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// `tool.driver.informationUri`: djsafe's home page, shown by SARIF viewers.
pub const INFORMATION_URI: &str = "https://github.com/djsafe/djsafe";
/// The base every artifact URI is relative to: the linted folder, normally the checkout.
const SRCROOT: &str = "%SRCROOT%";
/// SARIF and GitHub cap descriptions at 1024 characters.
const MAX_DESCRIPTION: usize = 1024;

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult>,
    properties: RunProperties,
}

#[derive(Serialize)]
struct RunProperties {
    /// The Django release whose defaults settings that are never assigned get.
    django: DjangoRelease,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: String,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
    precision: String,
    #[serde(rename = "security-severity")]
    security_severity: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cwe: Vec<String>,
    /// Every Django check id the rule mirrors.
    #[serde(rename = "django-check", skip_serializing_if = "Vec::is_empty")]
    django_check: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    descriptor: Descriptor,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
}

#[derive(Serialize)]
struct Descriptor {
    id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: String,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    /// `{"djsafe/v1": fingerprint}`: the fingerprint of the result's first module at its level
    /// (see `crate::fingerprint`); each module's own is in `properties.modules`.
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
}

#[derive(Serialize)]
struct ResultProperties {
    /// The profile and scenario of the first module with the highest severity.
    profile: Profile,
    scenario: String,
    /// Every module the rule fires in at this location, in report order.
    modules: Vec<ModuleProperties>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

#[derive(Serialize)]
struct ModuleProperties {
    module: String,
    profile: Profile,
    severity: String,
    scenario: String,
    /// The finding's fingerprint for this module, as the JSON and GitLab reports give it.
    fingerprint: String,
}

pub fn render(outcome: &Outcome) -> String {
    let sources = &outcome.project.sources;
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "djsafe",
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: outcome.rules.iter().map(|r| rule(r)).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: outcome
                    .diagnostics
                    .iter()
                    .map(|d| notification(sources, d))
                    .collect(),
            }],
            column_kind: "utf16CodeUnits",
            results: {
                let prints = fingerprints(outcome);
                group_findings(&outcome.findings)
                    .into_iter()
                    .map(|group| {
                        let members: Vec<(&Finding, &str)> = group
                            .into_iter()
                            .map(|i| (&outcome.findings[i], prints[i].as_str()))
                            .collect();
                        result(outcome, &members)
                    })
                    .collect()
            },
            properties: RunProperties {
                django: DjangoRelease::of(outcome),
            },
        }],
    };
    let mut out = serde_json::to_string_pretty(&log)
        .expect("the SARIF log serializes: it holds only strings and numbers");
    out.push('\n');
    out
}

fn rule(meta: &RuleMeta) -> Rule {
    let mut tags = meta.tags.clone();
    // GitHub shows CWEs from tags spelled like CodeQL's.
    tags.extend(
        meta.cwe
            .iter()
            .map(|c| format!("external/cwe/{}", c.to_ascii_lowercase())),
    );
    Rule {
        id: meta.id.clone(),
        name: meta.name.clone(),
        short_description: Text {
            text: truncate(meta.summary.trim(), MAX_DESCRIPTION),
        },
        full_description: Text {
            text: truncate(meta.summary.trim(), MAX_DESCRIPTION),
        },
        help: Help {
            text: markdown_to_text(&format!("{}\n\n{}", meta.fix.trim(), meta.docs.trim())),
            markdown: format!("{}\n\n{}\n", meta.fix.trim(), meta.docs.trim()),
        },
        help_uri: meta.help_uri.clone(),
        default_configuration: Configuration {
            level: meta.severity.to_string(),
        },
        properties: RuleProperties {
            tags,
            precision: meta.precision.clone(),
            security_severity: meta.security_severity.clone(),
            cwe: meta.cwe.clone(),
            django_check: meta.django_check.clone(),
        },
    }
}

/// Findings (by index) of one rule at one span, in report order: the same line reached from
/// several modules (production and staging both importing `base.py`) is one alert, not several.
fn group_findings(findings: &[Finding]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut index: BTreeMap<(&str, Span), usize> = BTreeMap::new();
    for (i, finding) in findings.iter().enumerate() {
        let key = (finding.rule.id.as_str(), finding.span);
        match index.get(&key) {
            Some(&g) => groups[g].push(i),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups
}

/// What a related location points at: an import statement, or a line of a deployment file.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Related {
    Import(Span),
    Deployment { file: String, line: usize },
}

fn result(outcome: &Outcome, members: &[(&Finding, &str)]) -> SarifResult {
    let group: Vec<&Finding> = members.iter().map(|(f, _)| *f).collect();
    let sources = &outcome.project.sources;
    // The first finding with the highest severity decides level, profile and scenario.
    let (primary, primary_print) = members
        .iter()
        .copied()
        .reduce(|best, f| {
            if f.0.severity > best.0.severity {
                f
            } else {
                best
            }
        })
        .expect("a group holds at least one finding");
    let rule_index = outcome
        .rules
        .iter()
        .position(|r| r.id == primary.rule.id)
        .expect("a finding's rule is one of the enabled rules");

    let mut related: Vec<(Related, String)> = Vec::new();
    let mut id_of = |target: Related, text: String| -> usize {
        match related.iter().position(|(r, _)| *r == target) {
            Some(i) => i + 1,
            None => {
                related.push((target, text));
                related.len()
            }
        }
    };
    let mut message = format!(
        "{}.",
        escape_brackets(primary.message.trim_end_matches('.'))
    );
    for finding in &group {
        message.push_str(&format!(
            " In {} ({}) {}",
            finding.module,
            finding.profile,
            scenario_phrase(&finding.scenario)
        ));
        if !finding.chain.is_empty() {
            let steps: Vec<String> = finding
                .chain
                .iter()
                .map(|span| {
                    let file = sources.get(span.file);
                    let line = file.position(span.start).line;
                    let text = file.shown_line_text(line).trim().to_string();
                    let id = id_of(Related::Import(*span), text);
                    format!("[{}:{line}]({id})", file.display)
                })
                .collect();
            message.push_str(&format!(", imported through {}", steps.join(" → ")));
        }
        message.push('.');
    }
    let mut notes: Vec<String> = Vec::new();
    for finding in &group {
        for note in &finding.notes {
            if notes.contains(note) {
                continue;
            }
            notes.push(note.clone());
            let linked = match deployment_of_note(note) {
                Some((file, line, rest)) => {
                    let id = id_of(
                        Related::Deployment {
                            file: file.to_string(),
                            line,
                        },
                        note.clone(),
                    );
                    format!("[{file}:{line}]({id}){}", escape_brackets(rest))
                }
                None => escape_brackets(note),
            };
            message.push_str(&format!(" {}.", linked.trim_end_matches('.')));
        }
    }

    SarifResult {
        rule_id: primary.rule.id.clone(),
        rule_index,
        level: primary.severity.to_string(),
        message: Text { text: message },
        locations: vec![Location {
            id: None,
            physical_location: span_location(sources, primary.span),
            message: None,
        }],
        related_locations: related
            .into_iter()
            .enumerate()
            .map(|(i, (target, text))| Location {
                id: Some(i + 1),
                physical_location: match target {
                    Related::Import(span) => span_location(sources, span),
                    Related::Deployment { file, line } => PhysicalLocation {
                        artifact_location: artifact(&file),
                        region: Some(Region {
                            start_line: line,
                            start_column: None,
                            end_line: None,
                            end_column: None,
                        }),
                    },
                },
                message: Some(Text { text }),
            })
            .collect(),
        partial_fingerprints: BTreeMap::from([(
            crate::fingerprint::SARIF_KEY,
            primary_print.to_string(),
        )]),
        properties: ResultProperties {
            profile: primary.profile,
            scenario: primary.scenario.clone(),
            modules: members
                .iter()
                .map(|(f, print)| ModuleProperties {
                    module: f.module.clone(),
                    profile: f.profile,
                    severity: f.severity.to_string(),
                    scenario: f.scenario.clone(),
                    fingerprint: print.to_string(),
                })
                .collect(),
            notes,
        },
    }
}

/// A deployment note starts with the file and line that set the variable
/// (`Dockerfile:5 sets DEBUG='False' ...`): that place becomes a related location.
fn deployment_of_note(note: &str) -> Option<(&str, usize, &str)> {
    let (head, _) = note.split_once(' ')?;
    if !note[head.len()..].starts_with(" sets ") {
        return None;
    }
    let (file, line) = head.rsplit_once(':')?;
    let line: usize = line.parse().ok().filter(|&l| l > 0)?;
    (!file.is_empty()).then_some((file, line, &note[head.len()..]))
}

fn notification(sources: &SourceMap, diagnostic: &Diagnostic) -> Notification {
    let locations = match (&diagnostic.location, diagnostic.kind) {
        // The path of `no-settings` is the argument as given, not a file in the repository.
        (_, DiagnosticKind::NoSettings) => Vec::new(),
        (DiagnosticLocation::Span(span), _) => vec![span_location(sources, *span)],
        (DiagnosticLocation::Path { file, line }, _) => vec![PhysicalLocation {
            artifact_location: artifact(file),
            region: line.map(|start_line| Region {
                start_line,
                start_column: None,
                end_line: None,
                end_column: None,
            }),
        }],
    };
    Notification {
        level: "warning",
        message: Text {
            text: diagnostic.message.clone(),
        },
        descriptor: Descriptor {
            id: kind_name(diagnostic.kind),
        },
        locations: locations
            .into_iter()
            .map(|physical_location| Location {
                id: None,
                physical_location,
                message: None,
            })
            .collect(),
    }
}

fn span_location(sources: &SourceMap, span: Span) -> PhysicalLocation {
    let file = sources.get(span.file);
    PhysicalLocation {
        artifact_location: artifact(&file.display),
        region: Some(Region {
            start_line: file.position(span.start).line,
            start_column: Some(file.shown_utf16_column(span.start, false)),
            end_line: Some(file.position(span.end).line),
            end_column: Some(file.shown_utf16_column(span.end, true)),
        }),
    }
}

fn artifact(display: &str) -> ArtifactLocation {
    ArtifactLocation {
        uri: relative_uri(display),
        uri_base_id: SRCROOT,
    }
}

/// A display path (relative, `/`-separated) as a relative URI reference: no leading `./`, and
/// every byte outside RFC 3986's unreserved characters and `/` percent-encoded.
pub fn relative_uri(display: &str) -> String {
    let mut path = display;
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(byte))
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

/// SARIF reads `[text](id)` in a message as a link; brackets of djsafe's own text that could be
/// taken for one are escaped with a backslash (SARIF §3.11.6).
fn escape_brackets(text: &str) -> String {
    if text.contains("](") {
        text.replace('[', "\\[").replace(']', "\\]")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_percent_encoded() {
        assert_eq!(relative_uri("./a/settings.py"), "a/settings.py");
        assert_eq!(relative_uri("my app/café.py"), "my%20app/caf%C3%A9.py");
        assert_eq!(relative_uri("Dockerfile"), "Dockerfile");
    }

    #[test]
    fn deployment_notes_name_their_file_and_line() {
        assert_eq!(
            deployment_of_note("Dockerfile:5 sets DEBUG='False' for that deployment"),
            Some(("Dockerfile", 5, " sets DEBUG='False' for that deployment"))
        );
        assert_eq!(deployment_of_note("something else: 5 sets"), None);
        assert_eq!(deployment_of_note("Dockerfile:0 sets X"), None);
    }

    #[test]
    fn brackets_are_escaped_only_where_they_could_read_as_links() {
        assert_eq!(
            escape_brackets("ALLOWED_HOSTS is ['*']"),
            "ALLOWED_HOSTS is ['*']"
        );
        assert_eq!(escape_brackets("x [a](1)"), "x \\[a\\](1)");
    }
}
