//! `per-file-ignores`, as in ruff: a glob and the rules (ids or names) not to report for the files
//! it matches. A pattern without `/` matches a file name anywhere (`local.py`, `*.txt`); one
//! with `/` matches the path relative to where it was given (the configuration file's folder,
//! or the working directory for `--per-file-ignores`); `!pattern` applies to the files it does
//! not match. A finding is ignored when the file it points at, or the settings module it is
//! reported for, matches (for `!pattern`, when neither does): `"mysite/settings/legacy.py" = ["DJS001"]` silences DJS001 both on
//! legacy.py's lines and for the legacy module when the value comes from its base.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::rules::registry::{self, RuleMeta};

#[derive(Default)]
pub struct PerFileIgnores {
    entries: Vec<Entry>,
}

struct Entry {
    glob: String,
    negated: bool,
    by_name: bool,
    base: PathBuf,
    rules: Vec<&'static RuleMeta>,
}

impl PerFileIgnores {
    /// From the configuration's table, patterns relative to `base`.
    pub fn from_table(table: &BTreeMap<String, Vec<String>>, base: &Path) -> Result<Self, String> {
        let mut ignores = PerFileIgnores::default();
        for (pattern, rules) in table {
            ignores.add(pattern, rules, base)?;
        }
        Ok(ignores)
    }

    /// From `--per-file-ignores PATTERN:RULE` pairs, patterns relative to `base`.
    pub fn from_pairs(pairs: &[String], base: &Path) -> Result<Self, String> {
        let mut ignores = PerFileIgnores::default();
        for pair in pairs {
            let (pattern, rule) = pair
                .rsplit_once(':')
                .filter(|(p, r)| !p.trim().is_empty() && !r.trim().is_empty())
                .ok_or_else(|| {
                    format!("--per-file-ignores expects PATTERN:RULE pairs, got `{pair}`")
                })?;
            ignores.add(pattern.trim(), &[rule.trim().to_string()], base)?;
        }
        Ok(ignores)
    }

    fn add(&mut self, pattern: &str, rules: &[String], base: &Path) -> Result<(), String> {
        let (negated, glob) = match pattern.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let glob = glob.trim_start_matches("./").trim_end_matches('/');
        if glob.is_empty() {
            return Err(format!("per-file-ignores: empty pattern `{pattern}`"));
        }
        let rules = rules
            .iter()
            .map(|r| {
                registry::find(r.trim()).ok_or_else(|| {
                    format!(
                        "per-file-ignores: unknown rule `{r}` for `{pattern}` (see `djsafe rules`)"
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        self.entries.push(Entry {
            glob: glob.to_string(),
            negated,
            by_name: !glob.contains('/'),
            base: base.to_path_buf(),
            rules,
        });
        Ok(())
    }

    /// Whether `rule` is ignored for a finding that concerns `files` (absolute paths: the file it
    /// points at and its module's): when one of them matches, or for `!pattern` when none does.
    pub fn ignores(&self, rule: &str, files: &[&Path]) -> bool {
        self.entries.iter().any(|entry| {
            entry.rules.iter().any(|r| r.id == rule)
                && if entry.negated {
                    files.iter().all(|file| !entry.matches(file))
                } else {
                    files.iter().any(|file| entry.matches(file))
                }
        })
    }
}

impl Entry {
    fn matches(&self, path: &Path) -> bool {
        let candidate = if self.by_name {
            path.file_name().map(|n| n.to_string_lossy().into_owned())
        } else {
            path.strip_prefix(&self.base).ok().map(|relative| {
                relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            })
        };
        candidate.is_some_and(|c| crate::glob::matches(&self.glob, &c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_paths_and_negation() {
        let table = BTreeMap::from([
            ("local.py".to_string(), vec!["DJS001".to_string()]),
            (
                "mysite/settings/*.py".to_string(),
                vec!["hardcoded-secret-key".to_string()],
            ),
            ("!*.py".to_string(), vec!["DJS046".to_string()]),
        ]);
        let ignores = PerFileIgnores::from_table(&table, Path::new("/repo")).unwrap();
        let local = Path::new("/repo/deep/local.py");
        let settings = Path::new("/repo/mysite/settings/prod.py");
        let requirements = Path::new("/repo/requirements.txt");
        assert!(ignores.ignores("DJS001", &[local]));
        assert!(!ignores.ignores("DJS001", &[settings]));
        assert!(ignores.ignores("DJS003", &[settings]));
        assert!(!ignores.ignores("DJS003", &[Path::new("/elsewhere/mysite/settings/prod.py")]));
        assert!(ignores.ignores("DJS046", &[requirements]));
        assert!(!ignores.ignores("DJS046", &[settings]));
        assert!(
            PerFileIgnores::from_table(
                &BTreeMap::from([("x.py".to_string(), vec!["DJS999".to_string()])]),
                Path::new("/")
            )
            .is_err()
        );
        let pairs =
            PerFileIgnores::from_pairs(&["*/legacy/*.py:DJS002".into()], Path::new("/repo"))
                .unwrap();
        assert!(pairs.ignores("DJS002", &[Path::new("/repo/a/legacy/settings.py")]));
        assert!(PerFileIgnores::from_pairs(&["nocolon".into()], Path::new("/")).is_err());
    }
}
