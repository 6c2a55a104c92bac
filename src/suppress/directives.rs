//! The suppression comments of one file, as ruff and flake8 read them:
//!
//! - `# noqa` on a line silences every rule there; `# noqa: DJS001, debug-enabled` the rules
//!   listed (ids or names, any case). The list may mix other tools' codes (`# noqa: E501,
//!   DJS001`) and ends at the first word that is not a code (a reason may follow).
//! - `# djsafe: noqa-file DJS004, DJS011` anywhere in a file silences those rules for every
//!   finding in the file (the form for findings about settings a module never assigns, which
//!   point at its first line). It must name rules: a bare one silences nothing.
//!
//! Comments are found as the file's language has them: tree-sitter's comment nodes in Python
//! (so a `#` inside a string is not one), a `#` at the start of a line or after whitespace in
//! requirements, TOML and YAML files, and whole-line comments only in Dockerfiles (where `#`
//! after an instruction is part of it).

use crate::syntax::NodeQueries;
use tree_sitter::Tree;

use crate::source::SourceFile;

/// One code of a directive's list, as written.
#[derive(Clone, Debug)]
pub struct Code {
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Directive {
    /// 1-based line of the comment.
    pub line: usize,
    /// Where the directive starts (its `#`) and where its code list ends, in bytes.
    pub start: usize,
    pub codes_end: usize,
    /// The codes; empty for a bare `# noqa`.
    pub codes: Vec<Code>,
    pub file_level: bool,
}

impl Directive {
    pub fn is_bare(&self) -> bool {
        self.codes.is_empty()
    }
}

/// How comments are written in a file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Syntax {
    /// A Python module, parsed.
    Python,
    /// `#` at the start of a line or after whitespace (requirements, TOML, YAML).
    Hash,
    /// Whole-line `#` comments only (Dockerfiles).
    LineStart,
}

impl Syntax {
    /// The comment syntax of a file that is not a parsed Python module, by its name.
    pub fn of_path(display: &str) -> Self {
        let name = display.rsplit('/').next().unwrap_or(display);
        let lower = name.to_ascii_lowercase();
        // Formats whose parsers all end a value at ` #`: requirements, TOML, YAML. Elsewhere a
        // trailing comment may become part of the value (a dotenv or compose `env_file` line, a
        // Dockerfile `ENV`, a systemd or uwsgi setting), so only whole-line comments are
        // written there.
        let hash_formats = [".txt", ".in", ".toml", ".yml", ".yaml"];
        if lower.contains("dockerfile") || lower.contains("containerfile") {
            Syntax::LineStart
        } else if hash_formats.iter().any(|ext| lower.ends_with(ext)) || lower == "pipfile" {
            Syntax::Hash
        } else {
            Syntax::LineStart
        }
    }
}

/// A comment: its byte range in the file.
#[derive(Clone, Copy, Debug)]
pub struct Comment {
    pub start: usize,
    pub end: usize,
}

/// The comments of a file, in order.
pub fn comments(file: &SourceFile, tree: Option<&Tree>, syntax: Syntax) -> Vec<Comment> {
    let mut found = Vec::new();
    match (syntax, tree) {
        (Syntax::Python, Some(tree)) => {
            // Comments are leaves: a bounded walk of the tree finds them all.
            crate::parse::walk(tree.root_node(), 4 * file.text().len() + 64, &mut |node| {
                if node.kind_name() == "comment" {
                    found.push(Comment {
                        start: node.start_byte(),
                        end: node.end_byte(),
                    });
                }
            });
        }
        _ => {
            let mut at = 0;
            for line in file.text().split_inclusive('\n') {
                let body = line.trim_end_matches(['\n', '\r']);
                let hash = if syntax == Syntax::LineStart {
                    body.trim_start()
                        .starts_with('#')
                        .then(|| body.find('#'))
                        .flatten()
                } else {
                    hash_comment(body)
                };
                if let Some(hash) = hash {
                    found.push(Comment {
                        start: at + hash,
                        end: at + body.len(),
                    });
                }
                at += line.len();
            }
        }
    }
    found
}

/// The `#` that starts a comment on a requirements, TOML or YAML line.
fn hash_comment(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous_blank = true;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '#' && previous_blank => return Some(i),
            None if c == '\'' || c == '"' => quote = Some(c),
            None => {}
        }
        previous_blank = c.is_whitespace();
    }
    None
}

/// The suppression directives in `comments`.
pub fn directives(file: &SourceFile, comments: &[Comment]) -> Vec<Directive> {
    let mut found = Vec::new();
    for comment in comments {
        let text = &file.text()[comment.start..comment.end];
        let line = file.position(comment.start).line;
        // A comment may hold several `#` parts: `# type: ignore  # noqa: DJS001`.
        let mut searched = 0;
        while let Some(offset) = text[searched..].find('#') {
            let hash = searched + offset;
            searched = hash + 1;
            let after = text[hash + 1..].trim_start();
            let lead = text.len() - after.len();
            let (file_level, rest) = if let Some(rest) = strip_word(after, "noqa") {
                (false, rest)
            } else if let Some(rest) = strip_word(after, "djsafe:")
                .map(str::trim_start)
                .and_then(|r| strip_word(r, "noqa-file"))
            {
                (true, rest)
            } else {
                continue;
            };
            let rest_at = comment.start + text.len() - rest.len();
            let _ = lead;
            // `# noqa: CODES`; the file form may also leave out the colon.
            let list = match rest.trim_start().strip_prefix(':') {
                Some(list) => Some(list),
                None if file_level => Some(rest),
                None => None,
            };
            let (codes, codes_end) = match list {
                Some(list) => {
                    let list_at = rest_at + rest.len() - list.len();
                    parse_codes(list, list_at)
                }
                None => (Vec::new(), rest_at),
            };
            if file_level && codes.is_empty() {
                continue;
            }
            found.push(Directive {
                line,
                start: comment.start + hash,
                codes_end,
                codes,
                file_level,
            });
            break;
        }
    }
    found
}

/// `text` after `word` (case-insensitively) when the word ends there.
fn strip_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    (head.eq_ignore_ascii_case(word)
        && !rest
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    .then_some(rest)
}

/// The codes at the start of `list` (at byte `at` of the file): words separated by commas or
/// whitespace, up to the first word that is neither a code (`E501`, `DJS001`) nor a djsafe
/// rule name. Returns them and where the list ends.
fn parse_codes(list: &str, at: usize) -> (Vec<Code>, usize) {
    let mut codes = Vec::new();
    let mut end = at;
    let mut i = 0;
    let bytes = list.as_bytes();
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i] == b',' || bytes[i].is_ascii_whitespace()) {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !(bytes[i] == b',' || bytes[i].is_ascii_whitespace()) {
            i += 1;
        }
        let word = &list[start..i];
        if word.is_empty() || !is_code(word) {
            break;
        }
        codes.push(Code {
            text: word.to_string(),
        });
        end = at + i;
    }
    (codes, end)
}

/// A code of any linter (`E501`, `DJS001`, `RUF100`) or the name of a djsafe rule.
pub fn is_code(word: &str) -> bool {
    let letters = word.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = &word[letters..];
    (letters > 0 && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
        || crate::rules::registry::find(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parse(text: &str, syntax: Syntax) -> Vec<(usize, Vec<String>, bool)> {
        let file = SourceFile::new(PathBuf::from("x"), "x".into(), text.into());
        let tree = (syntax == Syntax::Python).then(|| {
            crate::parse::parse_python(&mut crate::parse::python_parser(), text)
                .unwrap()
                .0
        });
        let comments = comments(&file, tree.as_ref(), syntax);
        directives(&file, &comments)
            .into_iter()
            .map(|d| {
                (
                    d.line,
                    d.codes.iter().map(|c| c.text.clone()).collect(),
                    d.file_level,
                )
            })
            .collect()
    }

    #[test]
    fn noqa_forms() {
        let text = "A = 1  # noqa\nB = 2  # NOQA: djs001 local only\nC = '#noqa'\nD = 3  # type: ignore  # noqa:E501,DJS002, debug-enabled why\nE = 4  # noqalike\n# djsafe: noqa-file DJS004, DJS011 -- the proxy sets HSTS\n# djsafe: noqa-file\n";
        assert_eq!(
            parse(text, Syntax::Python),
            vec![
                (1, vec![], false),
                (2, vec!["djs001".into()], false),
                (
                    4,
                    vec!["E501".into(), "DJS002".into(), "debug-enabled".into()],
                    false
                ),
                (6, vec!["DJS004".into(), "DJS011".into()], true),
            ]
        );
    }

    #[test]
    fn other_files() {
        assert_eq!(
            parse(
                "psycopg2-binary==2.9  # noqa: DJS046\npkg @ https://x/p.whl#noqa\n",
                Syntax::Hash
            ),
            vec![(1, vec!["DJS046".into()], false)]
        );
        // In a Dockerfile, `#` after an instruction is part of it.
        assert_eq!(
            parse(
                "# djsafe: noqa-file DJS028\nENV DJANGO_ALLOW_ASYNC_UNSAFE=1 # noqa\n",
                Syntax::LineStart
            ),
            vec![(1, vec!["DJS028".into()], true)]
        );
    }
}
