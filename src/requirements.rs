//! Python dependency files: which Django release a project pins (its defaults differ between
//! releases), and which packages its production requirements install.

use std::path::{Path, PathBuf};

/// A Django release, by major and minor number.
pub type Release = (u32, u32);

/// The newest Django release djsafe knows the defaults of.
pub const NEWEST: Release = (6, 1);

/// Whether a file name is one of the dependency files djsafe reads.
pub fn is_dependency_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    (name.starts_with("requirements") && name.ends_with(".txt"))
        || (in_requirements_dir(path) && (name.ends_with(".txt") || name.ends_with(".in")))
        || matches!(
            name,
            "pyproject.toml" | "poetry.lock" | "uv.lock" | "Pipfile" | "Pipfile.lock" | "setup.cfg"
        )
}

fn in_requirements_dir(path: &Path) -> bool {
    path.parent()
        .and_then(|p| p.file_name())
        .is_some_and(|d| d == "requirements")
}

/// Whether a dependency file is a pip requirements file (`requirements*.txt`,
/// `requirements/*.txt` or `.in`), whose `-r` lines include other files.
pub fn is_requirements_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.ends_with(".txt") || name.ends_with(".in")
}

/// How much a file's Django pin is worth: lock files say what is installed, requirements files
/// usually pin exactly, `pyproject.toml`, `Pipfile` and `setup.cfg` usually give a range.
/// Lower is preferred.
pub fn pin_rank(path: &Path) -> u8 {
    match path.file_name().and_then(|n| n.to_str()) {
        Some("poetry.lock" | "uv.lock" | "Pipfile.lock") => 0,
        Some("pyproject.toml" | "Pipfile" | "setup.cfg") => 2,
        _ => 1,
    }
}

/// Whether a requirements file is for production, by its name (`requirements-prod.txt`,
/// `requirements/production.txt`).
pub fn is_production_file(path: &Path) -> bool {
    let name = path
        .file_stem()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| matches!(w, "prod" | "production" | "live" | "deploy"))
}

/// One requirement: the normalized package name, its 1-based line, and the byte range of the
/// requirement (name and version, without a comment) in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub name: String,
    pub line: usize,
    /// The text after the name (`==4.2.7`, `>=3.2,<4`).
    pub spec: String,
    pub start: usize,
    pub end: usize,
}

/// PEP 503 normalization: lower case, runs of `-_.` as one `-`.
pub fn normalize(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The requirement written at `start..` in a file (a requirements line, or a string of a
/// `pyproject.toml` array): `None` when it does not start with a package name.
fn requirement(text: &str, start: usize, line: usize) -> Option<Requirement> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(text.len());
    if end == 0 {
        return None;
    }
    // A hash-pinned requirement continues on the next line.
    let written = text.trim_end_matches('\\').trim_end();
    Some(Requirement {
        name: normalize(&text[..end]),
        line,
        spec: written[end..].trim().to_string(),
        start,
        end: start + written.len(),
    })
}

/// The requirements of a pip requirements file, and the files it includes with `-r`.
pub fn requirements_txt(text: &str, dir: &Path) -> (Vec<Requirement>, Vec<PathBuf>) {
    let mut requirements = Vec::new();
    let mut includes = Vec::new();
    let mut offset = 0;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += raw.len();
        let uncommented = raw.split(" #").next().unwrap_or(raw);
        let line = uncommented.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(included) = line
            .strip_prefix("--requirement")
            .or_else(|| line.strip_prefix("-r"))
        {
            includes.push(dir.join(included.trim_start_matches('=').trim()));
            continue;
        }
        if line.starts_with('-') {
            continue;
        }
        let indent = uncommented.len() - uncommented.trim_start().len();
        requirements.extend(requirement(line, line_start + indent, index + 1));
    }
    (requirements, includes)
}

/// The extras of `[project.optional-dependencies]` that a production install adds.
const PRODUCTION_EXTRAS: &[&str] = &["prod", "production"];

/// What a production install of a `pyproject.toml` project gets: `[project] dependencies` plus
/// the `prod` or `production` extra of `[project.optional-dependencies]`. `None` when there is
/// no such extra (nothing says which install is production).
pub fn pyproject_production(text: &str) -> Option<Vec<Requirement>> {
    let mut section = String::new();
    let mut dependencies = Vec::new();
    let mut extra = None::<Vec<Requirement>>;
    let mut pos = 0;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = &text[pos..line_end];
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            section = trimmed
                .split('#')
                .next()
                .unwrap_or_default()
                .trim()
                .trim_matches(['[', ']'])
                .replace([' ', '"'], "");
            pos = line_end;
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            pos = line_end;
            continue;
        };
        let value_at = pos + line.find('=').unwrap_or(0) + 1;
        let value_at = value_at + (text[value_at..].len() - text[value_at..].trim_start().len());
        if !value.trim_start().starts_with('[') {
            pos = line_end;
            continue;
        }
        let (strings, end) = string_array(text, value_at);
        let key = normalize(key.trim().trim_matches(['"', '\'']));
        let items = || {
            strings
                .iter()
                .filter_map(|&(start, end)| {
                    requirement(&text[start..end], start, line_of(text, start))
                })
                .collect::<Vec<_>>()
        };
        match section.as_str() {
            "project" if key == "dependencies" => dependencies = items(),
            "project.optional-dependencies" if PRODUCTION_EXTRAS.contains(&key.as_str()) => {
                extra.get_or_insert_with(Vec::new).extend(items())
            }
            _ => {}
        }
        // Continue after the array, on the line where it ends.
        pos = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    }
    let extra = extra?;
    dependencies.extend(extra);
    Some(dependencies)
}

/// The strings of the TOML array starting at `at` (`[`), as byte ranges of their contents, and
/// the byte after the closing `]`.
fn string_array(text: &str, at: usize) -> (Vec<(usize, usize)>, usize) {
    let bytes = text.as_bytes();
    let mut strings = Vec::new();
    let mut depth = 0;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return (strings, i + 1);
                }
            }
            b'#' => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            quote @ (b'"' | b'\'') => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != quote && bytes[j] != b'\n' {
                    // Basic strings escape; literal strings do not.
                    j += if quote == b'"' && bytes[j] == b'\\' {
                        2
                    } else {
                        1
                    };
                }
                let end = j.min(bytes.len());
                strings.push((start, end));
                i = end + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (strings, bytes.len())
}

/// The Django release a dependency file pins, with the line that pins it: an exact or
/// compatible version (`==4.2.7`, `~=4.2`, `>=4.2`, `^4.2`) in requirements, `pyproject.toml`,
/// `Pipfile` or `setup.cfg`, or the locked version in `poetry.lock`, `uv.lock` and
/// `Pipfile.lock`. A range gives its lowest release, the one with the oldest defaults.
pub fn django_release(path: &Path, text: &str) -> Option<(Release, usize)> {
    let name = path.file_name()?.to_str()?;
    match name {
        "poetry.lock" | "uv.lock" => locked_toml(text),
        "Pipfile.lock" => {
            let at = text.find("\"django\"")?;
            let version_at = text[at..].find("\"version\"")? + at;
            let value = text[version_at..].split('"').nth(3)?;
            Some((release(value.trim_start_matches('='))?, line_of(text, at)))
        }
        _ => text.lines().enumerate().find_map(|(i, line)| {
            let lower = line.to_ascii_lowercase();
            let at = find_word(&lower, "django")?;
            let rest = lower[at + "django".len()..]
                .trim_start_matches(['"', '\''])
                .trim_start();
            // Extras: `django[argon2]==4.2`.
            let rest = match rest.strip_prefix('[') {
                Some(extras) => extras.split_once(']')?.1.trim_start(),
                None => rest,
            };
            let rest = rest
                .trim_start_matches(['=', ':', ' '])
                .trim_start_matches('"');
            let version = rest.trim_start_matches(['=', '~', '>', '^', ' ']);
            let operator = &rest[..rest.len() - version.len()];
            (!operator.contains('<') && !version.is_empty())
                .then(|| release(version))
                .flatten()
                .map(|r| (r, i + 1))
        }),
    }
}

/// `name = "django"` followed by `version = "4.2.7"` in a TOML lock file.
fn locked_toml(text: &str) -> Option<(Release, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| matches!(l.trim(), "name = \"django\"" | "name = \"Django\""))?;
    let version = lines[at..]
        .iter()
        .take(4)
        .find_map(|l| l.trim().strip_prefix("version = \""))?;
    Some((release(version.trim_end_matches('"'))?, at + 1))
}

/// `django` as a whole package name (not `django-environ`, not `djangorestframework`).
fn find_word(line: &str, word: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches([' ', '"', '\'']);
    let offset = line.len() - trimmed.len();
    let after = trimmed.strip_prefix(word)?;
    let next = after.chars().next();
    (next.is_none()
        || !next.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    .then_some(offset)
}

fn release(version: &str) -> Option<Release> {
    let mut parts = version.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    Some((major, minor))
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pin(file: &str, text: &str) -> Option<(Release, usize)> {
        django_release(Path::new(file), text)
    }

    #[test]
    fn django_pins_in_every_file_kind() {
        assert_eq!(
            pin("requirements.txt", "django-environ==0.11\nDjango==4.2.7\n"),
            Some(((4, 2), 2))
        );
        assert_eq!(
            pin("requirements.txt", "Django>=3.2,<4.0\n"),
            Some(((3, 2), 1))
        );
        assert_eq!(
            pin("requirements.txt", "django[argon2]==5.0.1 \\\n"),
            Some(((5, 0), 1))
        );
        assert_eq!(pin("requirements.txt", "django<5\n"), None);
        assert_eq!(pin("requirements.txt", "djangorestframework==3.14\n"), None);
        assert_eq!(
            pin(
                "pyproject.toml",
                "[project]\ndependencies = [\n  \"Django~=5.0\",\n]\n"
            ),
            Some(((5, 0), 3))
        );
        assert_eq!(
            pin(
                "pyproject.toml",
                "[tool.poetry.dependencies]\ndjango = \"^4.1\"\n"
            ),
            Some(((4, 1), 2))
        );
        assert_eq!(
            pin("Pipfile", "[packages]\ndjango = \"==2.2\"\n"),
            Some(((2, 2), 2))
        );
        assert_eq!(pin("Pipfile", "[packages]\ndjango = \"*\"\n"), None);
        assert_eq!(
            pin(
                "poetry.lock",
                "[[package]]\nname = \"django\"\nversion = \"3.2.25\"\n"
            ),
            Some(((3, 2), 2))
        );
        assert_eq!(
            pin(
                "Pipfile.lock",
                "{\"default\": {\"django\": {\"hashes\": [], \"version\": \"==2.2.28\"}}}"
            ),
            Some(((2, 2), 1))
        );
    }

    #[test]
    fn requirement_files_and_includes() {
        let text =
            "-r base.txt\npsycopg2-binary==2.9 # db\nDjango_Extensions\n--hash=x\n  nplusone \\\n";
        let (reqs, includes) = requirements_txt(text, Path::new("/r"));
        assert_eq!(includes, [PathBuf::from("/r/base.txt")]);
        let names: Vec<&str> = reqs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["psycopg2-binary", "django-extensions", "nplusone"]);
        let spans: Vec<&str> = reqs.iter().map(|r| &text[r.start..r.end]).collect();
        assert_eq!(
            spans,
            ["psycopg2-binary==2.9", "Django_Extensions", "nplusone"]
        );
        assert_eq!(reqs[0].spec, "==2.9");
        assert_eq!(reqs[2].line, 5);
        let (_, includes) = requirements_txt("--requirement=common.txt\n", Path::new("/r"));
        assert_eq!(includes, [PathBuf::from("/r/common.txt")]);
        assert!(is_production_file(Path::new("requirements-prod.txt")));
        assert!(is_production_file(Path::new("requirements/production.txt")));
        assert!(!is_production_file(Path::new("requirements/product.txt")));
        assert!(is_dependency_file(Path::new("requirements/base.txt")));
        assert!(is_dependency_file(Path::new("requirements/prod.in")));
        assert!(!is_dependency_file(Path::new("docs/notes.txt")));
        assert!(pin_rank(Path::new("uv.lock")) < pin_rank(Path::new("requirements.txt")));
        assert!(pin_rank(Path::new("requirements.txt")) < pin_rank(Path::new("pyproject.toml")));
    }

    #[test]
    fn pyproject_production_extra() {
        let text = "[project]\nname = \"site\"\nclassifiers = [\n  \"[not a section]\",\n]\ndependencies = [\n  \"Django>=5.2\",  # web\n  'psycopg2-binary',\n]\n\n[project.optional-dependencies]\ndev = [\"django-debug-toolbar\"]\nProduction = [\n  \"gunicorn\", \"django-silk>=5\",\n]\n";
        let reqs = pyproject_production(text).unwrap();
        let names: Vec<&str> = reqs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            ["django", "psycopg2-binary", "gunicorn", "django-silk"]
        );
        let silk = &reqs[3];
        assert_eq!(&text[silk.start..silk.end], "django-silk>=5");
        assert_eq!(silk.line, 14);
        assert_eq!(reqs[1].line, 8);
        assert_eq!(
            pyproject_production("[project]\ndependencies = [\"django\"]\n"),
            None
        );
    }
}
