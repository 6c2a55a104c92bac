//! `--exclude` and `exclude = [...]` patterns, matched as ruff matches them: a pattern without
//! `/` matches a file or folder name anywhere (`legacy`, `*_old.py`); a pattern with `/` matches
//! the path relative to where the pattern was given (`mysite/settings/local.py`, `vendor/**`).
//! `*` and `?` stay within one path part, `**` crosses `/`. Small enough not to need a crate.

use std::path::{Path, PathBuf};

#[derive(Default)]
pub struct Excludes {
    patterns: Vec<Pattern>,
}

struct Pattern {
    glob: String,
    /// Where a pattern with `/` is anchored: the working directory for `--exclude`, the
    /// configuration file's folder for `exclude = [...]`.
    base: PathBuf,
    by_name: bool,
}

impl Excludes {
    pub fn new(globs: &[String], base: &Path) -> Self {
        let patterns = globs
            .iter()
            .map(|glob| glob.trim_start_matches("./").trim_end_matches('/'))
            .filter(|glob| !glob.is_empty())
            .map(|glob| Pattern {
                glob: glob.to_string(),
                base: base.to_path_buf(),
                by_name: !glob.contains('/'),
            })
            .collect();
        Excludes { patterns }
    }

    /// Whether `path` (absolute) itself matches a pattern; its folders are checked separately.
    pub fn matches(&self, path: &Path) -> bool {
        self.patterns.iter().any(|pattern| {
            let candidate = if pattern.by_name {
                path.file_name().map(|n| n.to_string_lossy().into_owned())
            } else {
                path.strip_prefix(&pattern.base).ok().map(|relative| {
                    relative
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/")
                })
            };
            candidate.is_some_and(|c| crate::glob::matches(&pattern.glob, &c))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::glob::matches;

    #[test]
    fn star_stays_within_one_part() {
        assert!(matches("*.py", "settings.py"));
        assert!(matches("legacy/*", "legacy/settings.py"));
        assert!(!matches("legacy/*", "legacy/old/settings.py"));
        assert!(!matches("*.py", "settings.pyc"));
    }

    #[test]
    fn double_star_crosses_folders() {
        assert!(matches("vendor/**", "vendor/a/b/settings.py"));
        assert!(matches("src/**/local.py", "src/local.py"));
        assert!(matches("src/**/local.py", "src/a/b/local.py"));
        assert!(!matches("src/**/local.py", "lib/a/local.py"));
    }

    #[test]
    fn question_mark_is_one_character_but_not_a_separator() {
        assert!(matches("settings_?.py", "settings_1.py"));
        assert!(!matches("a?b", "a/b"));
    }

    #[test]
    fn patterns_without_slash_match_names_and_others_relative_paths() {
        let base = Path::new("/repo");
        let excludes = Excludes::new(&["legacy".into(), "./mysite/local.py".into()], base);
        assert!(excludes.matches(Path::new("/repo/deep/legacy")));
        assert!(excludes.matches(Path::new("/repo/mysite/local.py")));
        assert!(!excludes.matches(Path::new("/repo/other/mysite/local.py")));
        assert!(!excludes.matches(Path::new("/elsewhere/mysite/local.py")));
    }
}
