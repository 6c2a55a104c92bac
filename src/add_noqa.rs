//! `djsafe check --add-noqa`, as in ruff: every finding gets a suppression comment, so that a
//! project adopting djsafe accepts today's findings and CI fails only on new ones.
//!
//! - A finding on a line gets `# noqa: DJS001` at the end of the line where Python takes the
//!   comment (after a multi-line string or a backslash continuation, see `suppress`), merged into
//!   an existing `# noqa: ...` (other tools' codes and the reason after them are kept), after any
//!   other comment. All the codes of one line go in one edit: a line is touched once.
//! - A finding about a setting the module never assigns (it points at the module's first line)
//!   gets `# djsafe: noqa-file DJS004` at the top of the module, after a shebang or encoding
//!   line; so does a finding in a Dockerfile, whose lines take no trailing comment (after the
//!   `# syntax=` parser directives). An existing `# djsafe: noqa-file` line is extended instead.
//!
//! DJS048 (unused-noqa) findings get nothing: what `--add-noqa` writes always silences something,
//! so it never produces one. Files that changed since they were read, or that are not valid
//! UTF-8, are left alone.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::lint::Outcome;
use crate::rules::DEFAULT_SCENARIO;
use crate::source::FileId;
use crate::suppress::FileDirectives;
use crate::suppress::directives::Syntax;

const UNUSED_NOQA: &str = "DJS048";

/// What one file needs: codes for the file-level directive, and codes per line.
#[derive(Default)]
struct Wanted {
    file_level: BTreeSet<String>,
    lines: BTreeMap<usize, BTreeSet<String>>,
}

/// Adds the directives; returns what to print on stderr (`Added 3 noqa directives.`).
pub fn add_noqa(outcome: &Outcome) -> String {
    let project = &outcome.project;
    let canonical = crate::suppress::canonical(project);
    let mut files: HashMap<FileId, FileDirectives> = HashMap::new();
    let mut wanted: BTreeMap<FileId, Wanted> = BTreeMap::new();
    for finding in &outcome.findings {
        if finding.rule.id == UNUSED_NOQA {
            continue;
        }
        // A file loaded twice is written once, with the codes of both.
        let id = canonical[&finding.span.file];
        let file = files
            .entry(id)
            .or_insert_with(|| FileDirectives::read(project, id));
        let entry = wanted.entry(id).or_default();
        if finding.scenario == DEFAULT_SCENARIO || file.syntax == Syntax::LineStart {
            entry.file_level.insert(finding.rule.id.clone());
        } else {
            let line = file.noqa_line(file.file.position(finding.span.start).line);
            entry
                .lines
                .entry(line)
                .or_default()
                .insert(finding.rule.id.clone());
        }
    }
    let mut added = 0;
    let mut messages = Vec::new();
    for (id, wanted) in wanted {
        let file = &files[&id];
        let edits = edits_for(file, &wanted);
        let mut text = file.file.text().to_string();
        for (at, content) in edits.iter().rev() {
            text.insert_str(*at, content);
        }
        if file.syntax == Syntax::Python && !crate::parse::no_new_errors(file.file.text(), &text) {
            messages.push(format!(
                "{}: noqa directives not added: the file would not parse (please report this)",
                file.file.display
            ));
            continue;
        }
        match std::fs::read(&file.file.path) {
            Ok(bytes) if bytes == file.file.text().as_bytes() => {
                match std::fs::write(&file.file.path, &text) {
                    Ok(()) => added += edits.len(),
                    Err(e) => messages.push(format!("{}: cannot write: {e}", file.file.display)),
                }
            }
            Ok(_) => messages.push(format!(
                "{}: noqa directives not added: the file changed while djsafe ran, or is not valid UTF-8",
                file.file.display
            )),
            Err(e) => messages.push(format!("{}: cannot read: {e}", file.file.display)),
        }
    }
    if added > 0 {
        let s = if added == 1 { "" } else { "s" };
        messages.push(format!("Added {added} noqa directive{s}."));
    }
    messages.iter().map(|m| format!("{m}\n")).collect()
}

/// Insertions (byte offset, text) for one file, in offset order.
fn edits_for(file: &FileDirectives, wanted: &Wanted) -> Vec<(usize, String)> {
    let text = &file.file.text();
    let mut edits = Vec::new();
    if !wanted.file_level.is_empty() {
        let codes: Vec<&str> = wanted.file_level.iter().map(String::as_str).collect();
        match file.directives.iter().find(|d| d.file_level) {
            Some(existing) => edits.push((existing.codes_end, format!(", {}", codes.join(", ")))),
            None => {
                let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
                edits.push((
                    header_end(file),
                    format!("# djsafe: noqa-file {}{newline}", codes.join(", ")),
                ));
            }
        }
    }
    for (&line, codes) in &wanted.lines {
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        match file.on_line(line) {
            Some((_, existing)) if !existing.is_bare() => {
                edits.push((existing.codes_end, format!(", {}", codes.join(", "))));
            }
            Some((_, bare)) => {
                // A bare `# noqa` that did not silence the finding: name the codes after it.
                edits.push((bare.codes_end, format!(": {}", codes.join(", "))));
            }
            None => {
                let start = file.file.line_start(line);
                let end = start + file.file.line_text(line).trim_end().len();
                edits.push((end, format!("  # noqa: {}", codes.join(", "))));
            }
        }
    }
    edits.sort();
    edits
}

/// Where a new first-line directive goes: after a shebang and an encoding declaration (which
/// Python reads only on the first two lines), or after a Dockerfile's parser directives
/// (`# syntax=...`, read only before any other comment).
fn header_end(file: &FileDirectives) -> usize {
    // A byte order mark stays first.
    let bom = if file.file.text().starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let text = &file.file.text()[bom..];
    let mut at = bom;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        let keep = match file.syntax {
            Syntax::Python => {
                (i == 0 && trimmed.starts_with("#!"))
                    || (i < 2 && trimmed.starts_with('#') && trimmed.contains("coding"))
            }
            Syntax::LineStart => trimmed
                .strip_prefix('#')
                .and_then(|rest| rest.split_once('='))
                .is_some_and(|(key, _)| {
                    let key = key.trim();
                    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                }),
            Syntax::Hash => false,
        };
        if !keep {
            break;
        }
        at += line.len();
    }
    at
}
