//! Dropping the findings a project has chosen not to see: `per-file-ignores` first, then
//! `# djsafe: noqa-file` directives, then `# noqa` comments (see `directives` for their forms),
//! recording which codes silenced something, so that the `unused-noqa` rule (DJS048, when
//! selected) can report the ones that silence nothing.
//!
//! A line's `# noqa` goes where Python allows a comment: when the flagged line ends inside a
//! multi-line string or with a backslash, on the line where the statement can take one (as ruff
//! does). A finding about a setting the module never assigns points at its first line, which
//! often carries `from .base import *  # noqa` for flake8's star-import warning: a bare `# noqa`
//! there does not silence it; naming the rule, or `# djsafe: noqa-file`, does.

pub mod directives;
pub mod per_file;
mod unused;

use crate::syntax::NodeQueries;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use directives::{Directive, Syntax};
use per_file::PerFileIgnores;

use crate::finding::Finding;
use crate::lint::Outcome;
use crate::resolve::Project;
use crate::rules::DEFAULT_SCENARIO;
use crate::source::{FileId, SourceFile};

/// The suppression directives of one file, and how its lines map to where comments go.
pub struct FileDirectives<'p> {
    pub file: &'p SourceFile,
    pub syntax: Syntax,
    /// For a Python module, where the comment of each line (by number) has to go instead: the
    /// line a multi-line string on it ends on, or the next line after a backslash; `None` where
    /// the line takes it. Read from the syntax tree when the file is read, so the tree is not
    /// kept (files with findings are many in a monorepo, and trees large).
    moves: Option<Vec<Option<usize>>>,
    pub directives: Vec<Directive>,
}

impl<'p> FileDirectives<'p> {
    pub fn read(project: &'p Project, file: FileId) -> Self {
        let module = project.modules.iter().position(|m| m.file == file);
        Self::read_module(project, file, module, true)
    }

    /// The directives of `file`, the module it is (if it is one) given. Without
    /// `need_moves` (only silencing findings, not placing new comments), a module with no
    /// `noqa` anywhere in its text, which can hold no directive, is not parsed.
    pub(super) fn read_module(
        project: &'p Project,
        file: FileId,
        module: Option<usize>,
        need_moves: bool,
    ) -> Self {
        let source = project.sources.get(file);
        if module.is_some() && !need_moves && !mentions_noqa(source.text()) {
            return FileDirectives {
                file: source,
                syntax: Syntax::Python,
                moves: None,
                directives: Vec::new(),
            };
        }
        let tree = module.map(|index| project.parse_detached(index));
        let syntax = if tree.is_some() {
            Syntax::Python
        } else {
            Syntax::of_path(&source.display)
        };
        let comments = directives::comments(source, tree.as_ref(), syntax);
        FileDirectives {
            file: source,
            syntax,
            moves: tree.map(|tree| comment_moves(source, &tree)),
            directives: directives::directives(source, &comments),
        }
    }

    /// The line whose end can carry the `# noqa` of a finding on `line`: the line itself, or
    /// for a line that ends inside a multi-line string or with a backslash, the first line after
    /// it that does not.
    pub fn noqa_line(&self, line: usize) -> usize {
        let Some(moves) = &self.moves else {
            return self.continued_line(line);
        };
        let mut line = line;
        for _ in 0..moves.len() {
            match moves.get(line) {
                Some(Some(next)) => line = *next,
                _ => break,
            }
        }
        line
    }

    /// For a requirements file: the last line of a `\\` continuation (`pkg==1.0 \\` then
    /// `--hash=...`), which pip lets end with a comment.
    fn continued_line(&self, line: usize) -> usize {
        if self.syntax != Syntax::Hash {
            return line;
        }
        let lines = self.file.position(self.file.text().len()).line;
        let mut line = line;
        while line < lines && self.file.line_text(line).trim_end().ends_with('\\') {
            line += 1;
        }
        line
    }

    /// The line-level directive on `line`, if any.
    pub fn on_line(&self, line: usize) -> Option<(usize, &Directive)> {
        self.directives
            .iter()
            .enumerate()
            .find(|(_, d)| !d.file_level && d.line == line)
    }
}

/// For each line of a Python file (by number, from 1), where its comment has to go instead
/// (see [`FileDirectives::noqa_line`]): the line a string that goes on past its end ends on, the
/// next line after a backslash continuation, or `None` where the line takes the comment.
fn comment_moves(file: &SourceFile, tree: &tree_sitter::Tree) -> Vec<Option<usize>> {
    let text = &file.text();
    let lines = file.position(text.len()).line;
    let node_at = |byte: usize| tree.root_node().descendant_for_byte_range(byte, byte);
    let mut moves = vec![None; lines + 1];
    for (line, moved) in moves.iter_mut().enumerate().skip(1) {
        let start = file.line_start(line);
        let body = file.line_text(line);
        let end = start + body.len();
        let trimmed = body.trim_end();
        let last = start + trimmed.len();
        // The line break itself is inside a string that goes on.
        let in_string = (end < text.len())
            .then(|| node_at(end))
            .flatten()
            .and_then(|node| {
                let mut current = Some(node);
                for _ in 0..64 {
                    let n = current?;
                    if n.kind_name() == "string" {
                        return (n.start_byte() <= end && end < n.end_byte()).then_some(n);
                    }
                    current = n.parent();
                }
                None
            });
        if let Some(string) = in_string {
            *moved = Some(file.position(string.end_byte()).line);
            continue;
        }
        let continued = trimmed.ends_with('\\')
            && node_at(last - 1)
                .is_some_and(|n| n.kind_name() != "comment" && n.kind_name() != "string_content");
        if continued && line < lines {
            *moved = Some(line + 1);
        }
    }
    moves
}

/// The same file loaded more than once (a deployment file read for its environment and again for
/// a finding in it) is one file for suppressions: each id maps to the first id of its path.
pub fn canonical(project: &Project) -> HashMap<FileId, FileId> {
    let mut first: HashMap<&Path, FileId> = HashMap::new();
    project
        .sources
        .ids()
        .map(|id| {
            let path = project.sources.get(id).path.as_path();
            (id, *first.entry(path).or_insert(id))
        })
        .collect()
}

/// A code of a directive that silenced a finding: file, directive index, code index (`None` for
/// a bare `# noqa`).
type Use = (FileId, usize, Option<usize>);

/// Whether `text` holds `noqa` in any case, which every directive does (`# noqa`,
/// `# djsafe: noqa-file`).
fn mentions_noqa(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"noqa"))
}

/// Drops the suppressed findings of `outcome`, then adds DJS048 findings for the directives that
/// silenced nothing when the rule is enabled.
pub fn apply(outcome: &mut Outcome, per_file: &PerFileIgnores) {
    let project = &outcome.project;
    // The first module of each name, and the module of each file.
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut by_file: HashMap<FileId, usize> = HashMap::new();
    for (index, module) in project.modules.iter().enumerate() {
        by_name.entry(module.name.as_str()).or_insert(index);
        by_file.entry(module.file).or_insert(index);
    }
    let module_files: HashMap<&str, &Path> = outcome
        .modules
        .iter()
        .filter_map(|m| {
            let name = m.module.split(':').next().unwrap_or(&m.module);
            let module = &project.modules[*by_name.get(name)?];
            Some((
                m.module.as_str(),
                project.sources.get(module.file).path.as_path(),
            ))
        })
        .collect();
    let canonical = canonical(project);
    let mut files: HashMap<FileId, FileDirectives> = HashMap::new();
    let mut used: HashSet<Use> = HashSet::new();
    let findings = std::mem::take(&mut outcome.findings);
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let path = project.sources.get(finding.span.file).path.as_path();
        let mut paths = vec![path];
        paths.extend(module_files.get(finding.module.as_str()));
        if per_file.ignores(&finding.rule.id, &paths) {
            continue;
        }
        let id = canonical[&finding.span.file];
        let file = files.entry(id).or_insert_with(|| {
            FileDirectives::read_module(project, id, by_file.get(&id).copied(), false)
        });
        match silencer(file, &finding) {
            Some((directive, code)) => {
                used.insert((id, directive, code));
            }
            None => kept.push(finding),
        }
    }
    outcome.findings = kept;
    if outcome.rules.iter().any(|r| r.id == unused::RULE) {
        let mut found = unused::findings(outcome, &mut files, &used);
        found.retain(|f| {
            let path = outcome.project.sources.get(f.span.file).path.as_path();
            let mut paths = vec![path];
            paths.extend(module_files.get(f.module.as_str()));
            !per_file.ignores(&f.rule.id, &paths)
        });
        outcome.findings.extend(found);
        let sources = &outcome.project.sources;
        outcome.findings.sort_by_cached_key(|f| {
            (
                sources.get(f.span.file).display.clone(),
                f.span.start,
                f.rule.id.clone(),
                f.module.clone(),
            )
        });
    }
}

/// The directive (index, and code index unless bare) that silences `finding`, if any.
fn silencer(file: &FileDirectives, finding: &Finding) -> Option<(usize, Option<usize>)> {
    let names = |code: &str| {
        code.eq_ignore_ascii_case(&finding.rule.id) || code.eq_ignore_ascii_case(&finding.rule.name)
    };
    for (i, directive) in file.directives.iter().enumerate() {
        if directive.file_level
            && let Some(c) = directive.codes.iter().position(|c| names(&c.text))
        {
            return Some((i, Some(c)));
        }
    }
    // Dockerfiles take no end-of-line comments: only the file form applies there.
    if file.syntax == Syntax::LineStart {
        return None;
    }
    let line = file.noqa_line(file.file.position(finding.span.start).line);
    let (i, directive) = file.on_line(line)?;
    if directive.is_bare() {
        // A bare noqa on a module's first line is there for other linters (star imports).
        return (finding.scenario != DEFAULT_SCENARIO).then_some((i, None));
    }
    let c = directive.codes.iter().position(|c| names(&c.text))?;
    Some((i, Some(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noqa_goes_where_the_statement_takes_a_comment() {
        let mut project = Project::new(Vec::new(), std::path::PathBuf::from("/"));
        let text =
            "A = 1\nB = \"\"\"x\ny\"\"\"\nC = \\\n    2\nD = f'''{A}\n'''  # noqa\nE = '\\\\'\n";
        let module = project.load_text("s.py", text);
        let file = project.modules[module].file;
        let directives = FileDirectives::read(&project, file);
        let mapped: Vec<usize> = (1..=8).map(|l| directives.noqa_line(l)).collect();
        // A multi-line string (also an f-string) moves the comment to its end, a backslash to the
        // next line; a backslash inside a string is not a continuation.
        assert_eq!(mapped, [1, 3, 3, 5, 5, 7, 7, 8]);
        assert_eq!(directives.on_line(7).map(|(i, _)| i), Some(0));
    }
}
