//! Applying the fixes of a lint outcome: `check --fix --unsafe-fixes` writes them, `check --diff`
//! prints them. The same line reached from several modules carries the same fix once; a fix
//! that overlaps one already taken waits for the next run; a file whose fixed text no longer
//! parses, or that changed on disk since it was read, is left as it was.

use std::collections::BTreeMap;

use super::{Applicability, Edit};
use crate::lint::Outcome;
use crate::source::FileId;

/// The fixes an outcome offers, resolved into new file contents.
pub struct Plan {
    pub files: Vec<FixedFile>,
    /// Findings whose fix is in `files`.
    pub fixed: usize,
    /// Findings with a fix that needs `--unsafe-fixes`, when it was not given.
    pub unsafe_hidden: usize,
    /// Why some fixes were not taken, for stderr.
    pub warnings: Vec<String>,
}

pub struct FixedFile {
    pub path: std::path::PathBuf,
    pub display: String,
    pub old: String,
    pub new: String,
    edits: Vec<Edit>,
    /// The findings this file's edits fix.
    findings: usize,
}

impl FixedFile {
    /// The unified diff of the fix, under the path `shown`.
    pub fn diff_as(&self, shown: &str) -> String {
        super::diff::unified(shown, &self.old, &self.edits)
    }
}

pub fn plan(outcome: &Outcome, unsafe_fixes: bool) -> Plan {
    let sources = &outcome.project.sources;
    let mut taken: BTreeMap<FileId, Vec<Edit>> = BTreeMap::new();
    let mut unsafe_hidden = 0;
    let mut warnings = Vec::new();
    let mut per_file_findings: BTreeMap<FileId, usize> = BTreeMap::new();
    for finding in &outcome.findings {
        let Some(fix) = &finding.fix else { continue };
        if fix.applicability == Applicability::Unsafe && !unsafe_fixes {
            unsafe_hidden += 1;
            continue;
        }
        let Some(file) = fix.edits.first().map(|e| e.file) else {
            continue;
        };
        let edits = taken.entry(file).or_default();
        if fix.edits.iter().all(|e| edits.contains(e)) {
            // The same fix, for another module that reaches the same line.
            *per_file_findings.entry(file).or_default() += 1;
            continue;
        }
        let overlaps = fix.edits.iter().any(|e| {
            edits
                .iter()
                .any(|t| e.start < t.end && t.start < e.end || e.start == t.start)
        });
        if overlaps {
            let at = sources.get(file);
            warnings.push(format!(
                "{}:{}: {} fix not applied: it overlaps another fix (run again to apply it)",
                at.display,
                at.position(finding.span.start).line,
                finding.rule.id
            ));
            continue;
        }
        edits.extend(fix.edits.iter().cloned());
        *per_file_findings.entry(file).or_default() += 1;
    }
    let mut files = Vec::new();
    for (file, mut edits) in taken {
        edits.sort();
        let source = sources.get(file);
        let mut new = String::with_capacity(source.text().len());
        let mut at = 0;
        for edit in &edits {
            new.push_str(&source.text()[at..edit.start]);
            new.push_str(&edit.content);
            at = edit.end;
        }
        new.push_str(&source.text()[at..]);
        if !crate::parse::no_new_errors(source.text(), &new) {
            warnings.push(format!(
                "{}: fixes not applied: the fixed file would not parse (please report this)",
                source.display
            ));
            continue;
        }
        files.push(FixedFile {
            path: source.path.clone(),
            display: source.display.clone(),
            old: source.text().to_string(),
            new,
            edits,
            findings: per_file_findings.get(&file).copied().unwrap_or(0),
        });
    }
    Plan {
        fixed: files.iter().map(|f| f.findings).sum(),
        files,
        unsafe_hidden,
        warnings,
    }
}

/// Writes the fixed files. A file that changed since djsafe read it is skipped with a warning
/// (its fixes were computed for other text). Returns how many findings the written files fix,
/// and the warnings.
pub fn write(plan: &Plan) -> (usize, Vec<String>) {
    let mut warnings = Vec::new();
    let mut fixed = 0;
    for file in &plan.files {
        match std::fs::read(&file.path) {
            Ok(bytes) if bytes == file.old.as_bytes() => {
                match std::fs::write(&file.path, &file.new) {
                    Ok(()) => fixed += file.findings,
                    Err(e) => warnings.push(format!("{}: cannot write the fix: {e}", file.display)),
                }
            }
            Ok(_) => warnings.push(format!(
                "{}: not fixed: the file changed while djsafe ran, or is not valid UTF-8",
                file.display
            )),
            Err(e) => warnings.push(format!("{}: cannot read: {e}", file.display)),
        }
    }
    (fixed, warnings)
}
