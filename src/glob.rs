//! Glob patterns, small enough not to need a crate: `--exclude` patterns, and the files
//! django-split-settings' `include('components/*.py')` runs (sorted, as split-settings does).

use std::path::{Path, PathBuf};

use crate::fsindex::FsIndex;

/// A file name matches a segment of a pattern as in shells: a leading dot only literally.
fn matches_file_name(segment: &str, name: &str) -> bool {
    (!name.starts_with('.') || segment.starts_with('.')) && matches(segment, name)
}

/// Files under `base` matching the relative `pattern`, looked up in the folder listings of
/// `index`.
pub fn expand(index: &FsIndex, base: &Path, pattern: &str) -> Vec<PathBuf> {
    let mut current = vec![base.to_path_buf()];
    for segment in pattern.split('/').filter(|s| !s.is_empty() && *s != ".") {
        let mut next = Vec::new();
        for dir in &current {
            if segment == ".." {
                next.extend(dir.parent().map(Path::to_path_buf));
            } else if !segment.contains(['*', '?']) {
                let candidate = dir.join(segment);
                if index.exists(&candidate) {
                    next.push(candidate);
                }
            } else {
                next.extend(index.files_matching(dir, |name| {
                    name.to_str()
                        .is_some_and(|name| matches_file_name(segment, name))
                }));
            }
        }
        current = next;
    }
    current.into_iter().filter(|p| index.is_file(p)).collect()
}

/// Whether `text` matches `glob`: `*` and `?` stay within one path part, `**` crosses `/`.
pub fn matches(glob: &str, text: &str) -> bool {
    let (glob, text): (Vec<char>, Vec<char>) = (glob.chars().collect(), text.chars().collect());
    // Memoised on (pattern position, text position): a pattern of many stars (a repository's
    // `.dockerignore` or split-settings include says what it likes) stays quadratic, not
    // exponential.
    let mut memo = vec![None; (glob.len() + 1) * (text.len() + 1)];
    Matcher {
        glob: &glob,
        text: &text,
        memo: &mut memo,
    }
    .at(0, 0)
}

struct Matcher<'a> {
    glob: &'a [char],
    text: &'a [char],
    memo: &'a mut [Option<bool>],
}

impl Matcher<'_> {
    fn at(&mut self, g: usize, t: usize) -> bool {
        let key = g * (self.text.len() + 1) + t;
        if let Some(known) = self.memo[key] {
            return known;
        }
        let (glob, text) = (self.glob, self.text);
        let result = match &glob[g..] {
            [] => t == text.len(),
            ['*', '*', rest @ ..] => {
                // `a/**/b` also matches `a/b`: the `**/` may stand for no folder at all.
                let after = glob.len() - rest.len();
                (rest.first() == Some(&'/') && self.at(after + 1, t))
                    || (t..=text.len()).any(|skip| self.at(after, skip))
            }
            ['*', ..] => (t..=text.len())
                .take_while(|&skip| skip == t || text[skip - 1] != '/')
                .any(|skip| self.at(g + 1, skip)),
            ['?', ..] => text.get(t).is_some_and(|&c| c != '/') && self.at(g + 1, t + 1),
            [c, ..] => text.get(t) == Some(c) && self.at(g + 1, t + 1),
        };
        self.memo[key] = Some(result);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::{matches, matches_file_name};

    #[test]
    fn wildcards() {
        assert!(matches("*.py", "base.py"));
        assert!(matches("b?se.py", "base.py"));
        assert!(!matches("*.py", "base.pyc"));
        assert!(!matches_file_name("*.py", ".hidden.py"));
        assert!(matches("*", "x"));
        assert!(matches("a/**/b", "a/b"));
        assert!(matches("a/**/b", "a/x/y/b"));
        assert!(matches("**/*.py", "a/b.py"));
        assert!(!matches("a/*/b", "a/x/y/b"));
    }

    #[test]
    fn many_stars_do_not_take_exponential_time() {
        let text = "a".repeat(300);
        assert!(!matches(&format!("{}b", "*a".repeat(40)), &text));
        assert!(!matches(&format!("{}b", "**a".repeat(40)), &text));
    }
}
