//! The small glob django-split-settings' `include('components/*.py')` needs: `*` and `?` within
//! one path segment, matches sorted (split-settings includes them in sorted order).

use std::path::{Path, PathBuf};

/// Files under `base` matching the relative `pattern`.
pub fn expand(base: &Path, pattern: &str) -> Vec<PathBuf> {
    let mut current = vec![base.to_path_buf()];
    for segment in pattern.split('/').filter(|s| !s.is_empty() && *s != ".") {
        let mut next = Vec::new();
        for dir in &current {
            if segment == ".." {
                next.extend(dir.parent().map(Path::to_path_buf));
            } else if !segment.contains(['*', '?']) {
                let candidate = dir.join(segment);
                if candidate.exists() {
                    next.push(candidate);
                }
            } else if let Ok(entries) = std::fs::read_dir(dir) {
                let mut matched: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .filter(|e| {
                        e.file_name()
                            .to_str()
                            .is_some_and(|name| matches(segment, name))
                    })
                    .map(|e| e.path())
                    .collect();
                matched.sort();
                next.extend(matched);
            }
        }
        current = next;
    }
    current.into_iter().filter(|p| p.is_file()).collect()
}

/// Whether `name` matches `pattern` (`*` any run, `?` one character; a leading dot must be
/// matched literally, as in shells and Python's glob).
pub fn matches(pattern: &str, name: &str) -> bool {
    if name.starts_with('.') && !pattern.starts_with('.') {
        return false;
    }
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn wildcards() {
        assert!(matches("*.py", "base.py"));
        assert!(matches("b?se.py", "base.py"));
        assert!(!matches("*.py", "base.pyc"));
        assert!(!matches("*.py", ".hidden.py"));
        assert!(matches("*", "x"));
    }
}
