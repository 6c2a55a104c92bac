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
    match_chars(&glob, &text)
}

fn match_chars(glob: &[char], text: &[char]) -> bool {
    match glob {
        [] => text.is_empty(),
        ['*', '*', rest @ ..] => {
            // `a/**/b` also matches `a/b`: the `**/` may stand for no folder at all.
            rest.first() == Some(&'/') && match_chars(&rest[1..], text)
                || (0..=text.len()).any(|skip| match_chars(rest, &text[skip..]))
        }
        ['*', rest @ ..] => (0..=text.len())
            .take_while(|&skip| skip == 0 || text[skip - 1] != '/')
            .any(|skip| match_chars(rest, &text[skip..])),
        ['?', rest @ ..] => {
            text.first().is_some_and(|&c| c != '/') && match_chars(rest, &text[1..])
        }
        [c, rest @ ..] => text.first() == Some(c) && match_chars(rest, &text[1..]),
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
    }
}
