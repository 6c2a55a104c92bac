//! `.dockerignore`: the files of the build context that an image build never sees. A settings
//! module the image leaves out (`/bookmarks/settings/dev.py` under "Remove dev settings") does
//! not exist in the containers that run the image, so `try: from .dev import *` falls through to
//! its `except` there, whatever the repository holds.
//!
//! Docker's rules (moby's patternmatcher): one pattern per line, `#` starts a comment line,
//! patterns are relative to the context root (a leading `/` or `./` is dropped), `*` and `?` stay
//! within a path part, `**` crosses folders, `!` makes an exception, and the last pattern that
//! matches a path, or a folder above it, decides.

use std::path::{Path, PathBuf};

use super::model::LeftOut;

/// The ignore file an image built from `dockerfile` with the build context `context` uses:
/// BuildKit's `<Dockerfile name>.dockerignore` next to the Dockerfile first, else the context's
/// `.dockerignore`.
pub fn for_build(
    dockerfile: &Path,
    context: &Path,
    read: &dyn Fn(&Path) -> Option<String>,
) -> Option<LeftOut> {
    let own = dockerfile.file_name().map(|name| {
        let mut name = name.to_os_string();
        name.push(".dockerignore");
        dockerfile.with_file_name(name)
    });
    let candidates = own.into_iter().chain([context.join(".dockerignore")]);
    candidates.into_iter().find_map(|file| {
        let text = read(&file)?;
        Some(LeftOut {
            patterns: parse(&text),
            file,
            context: context.to_path_buf(),
        })
    })
}

/// The patterns of an ignore file, each with its line and whether it is an exception (`!`).
pub fn parse(text: &str) -> Vec<(usize, bool, String)> {
    let mut patterns = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (exception, pattern) = match line.strip_prefix('!') {
            Some(rest) => (true, rest.trim()),
            None => (false, line),
        };
        let pattern = clean(pattern);
        if !pattern.is_empty() {
            patterns.push((index + 1, exception, pattern));
        }
    }
    patterns
}

/// A pattern as Docker cleans it: no leading `/` or `./`, no trailing `/`, no `.` parts.
fn clean(pattern: &str) -> String {
    pattern
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/")
}

impl LeftOut {
    /// The line of the pattern that leaves `path` (a repository path) out of the image, if one
    /// does: the last pattern matching it or a folder above it, when that is not an exception.
    pub fn leaves_out(&self, path: &Path) -> Option<usize> {
        let relative = path.strip_prefix(&self.context).ok()?;
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.is_empty() {
            return None;
        }
        let prefixes: Vec<String> = (1..=parts.len()).map(|n| parts[..n].join("/")).collect();
        let mut decision = None;
        for (line, exception, pattern) in &self.patterns {
            if prefixes
                .iter()
                .any(|prefix| crate::glob::matches(pattern, prefix))
            {
                decision = (!exception).then_some(*line);
            }
        }
        decision
    }

    /// Where the ignore file is, for messages.
    pub fn file(&self) -> &PathBuf {
        &self.file
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn left_out(text: &str) -> LeftOut {
        LeftOut {
            patterns: parse(text),
            file: PathBuf::from("/repo/.dockerignore"),
            context: PathBuf::from("/repo"),
        }
    }

    #[test]
    fn the_last_matching_pattern_decides() {
        // An allow-list: everything out, then the project back in, then its dev settings out.
        let ignore = left_out(
            "# Ignore everything\n*\n\n!/bookmarks\n!/manage.py\n # Remove dev settings\n/bookmarks/settings/dev.py\n",
        );
        let at = |p: &str| ignore.leaves_out(Path::new(p));
        assert_eq!(at("/repo/bookmarks/settings/dev.py"), Some(7));
        assert_eq!(at("/repo/bookmarks/settings/prod.py"), None);
        assert_eq!(at("/repo/manage.py"), None);
        assert_eq!(at("/repo/docs/conf.py"), Some(2));
        // Outside the build context: not this file's business.
        assert_eq!(at("/elsewhere/x.py"), None);
    }

    #[test]
    fn patterns_are_anchored_at_the_context_and_match_folders_above() {
        let ignore = left_out("local_settings.py\n**/dev_settings.py\ndocs/\n*.pyc\n");
        let at = |p: &str| ignore.leaves_out(Path::new(p));
        // Unlike .gitignore, a bare name matches at the context root only.
        assert_eq!(at("/repo/local_settings.py"), Some(1));
        assert_eq!(at("/repo/proj/local_settings.py"), None);
        assert_eq!(at("/repo/proj/settings/dev_settings.py"), Some(2));
        assert_eq!(at("/repo/dev_settings.py"), Some(2));
        assert_eq!(at("/repo/docs/source/conf.py"), Some(3));
        assert_eq!(at("/repo/proj/cache.pyc"), None);
        assert_eq!(at("/repo/cache.pyc"), Some(4));
    }

    #[test]
    fn buildkit_reads_the_dockerfile_own_ignore_file_first() {
        let files = [
            (
                "/repo/docker/prod.Dockerfile.dockerignore",
                "settings/dev.py\n",
            ),
            ("/repo/.dockerignore", "*.md\n"),
        ];
        let read = |p: &Path| {
            files
                .iter()
                .find(|(f, _)| Path::new(f) == p)
                .map(|(_, t)| t.to_string())
        };
        let found = for_build(
            Path::new("/repo/docker/prod.Dockerfile"),
            Path::new("/repo"),
            &read,
        )
        .expect("an ignore file");
        assert_eq!(
            found.file(),
            &PathBuf::from("/repo/docker/prod.Dockerfile.dockerignore")
        );
        let found = for_build(Path::new("/repo/Dockerfile"), Path::new("/repo"), &read)
            .expect("an ignore file");
        assert_eq!(found.file(), &PathBuf::from("/repo/.dockerignore"));
        assert!(for_build(Path::new("/other/Dockerfile"), Path::new("/other"), &read).is_none());
    }
}
