//! Finding what to lint without parsing every Python file: candidate settings modules (by file
//! name), the modules that deployment files and Django entry points name through
//! `DJANGO_SETTINGS_MODULE`, the environment those deployments set, and the import roots.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::deploy::{self, DeployFile, Deployment};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::exclude::Excludes;

/// Files larger than this are not read: no settings module is that big, and reading one would
/// only cost memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Default)]
pub struct Discovery {
    /// `settings.py` files and modules of `settings/` packages.
    pub candidates: Vec<PathBuf>,
    /// Every way the repository runs Django that its files describe.
    pub deployments: Vec<Deployment>,
    /// Dependency files (`requirements*.txt`, `pyproject.toml`, lock files), in walk order.
    pub dependency_files: Vec<PathBuf>,
    /// Folders that absolute imports resolve against, most specific first.
    pub import_roots: Vec<PathBuf>,
    /// The folders walked: the repositories (or projects) the paths given name.
    pub walk_roots: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks the `roots` folders, skipping excluded ones, and collects what the later stages need;
/// a file under several roots counts once. The `passed` files are always visited, even in a
/// folder that is skipped: a file named on the command line is linted unless `--force-exclude`
/// dropped it before.
pub fn discover(
    roots: &[PathBuf],
    passed: &BTreeSet<PathBuf>,
    excludes: &Excludes,
    display_root: &Path,
) -> Discovery {
    let mut found = Discovery {
        walk_roots: roots.to_vec(),
        ..Discovery::default()
    };
    let mut manage_dirs = Vec::new();
    let mut deploy_files = Vec::new();
    let mut visited: BTreeSet<PathBuf> = BTreeSet::new();
    for root in roots {
        // Following links finds settings in a linked folder; walkdir reports a link that loops
        // back to its ancestor as an error, which becomes a diagnostic below.
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !is_excluded(e.path(), e.file_type().is_dir(), excludes)
            });
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let file = err
                        .path()
                        .map(|p| display_path(p, display_root))
                        .unwrap_or_default();
                    found.diagnostics.push(Diagnostic::in_file(
                        DiagnosticKind::ReadError,
                        file,
                        None,
                        format!("cannot walk: {err}"),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_dir() && visited.insert(entry.path().to_path_buf()) {
                visit_file(
                    entry.path(),
                    display_root,
                    &mut found,
                    &mut manage_dirs,
                    &mut deploy_files,
                );
            }
        }
    }
    for path in passed {
        if visited.insert(path.clone()) {
            visit_file(
                path,
                display_root,
                &mut found,
                &mut manage_dirs,
                &mut deploy_files,
            );
        }
    }
    // Folders entry points put on `sys.path`, and `src/` layouts next to a project file.
    let mut primary: Vec<PathBuf> = manage_dirs.clone();
    for file in deploy_files
        .iter()
        .filter(|f| f.kind == deploy::SourceKind::EntryPoint)
    {
        primary.extend(
            deploy::entrypoint::sys_path_additions(&file.path, &file.text)
                .into_iter()
                .filter(|dir| dir.is_dir()),
        );
    }
    for root in roots {
        let src = root.join("src");
        let packaged = ["pyproject.toml", "setup.cfg", "setup.py"]
            .iter()
            .any(|f| root.join(f).is_file());
        if packaged && src.is_dir() {
            primary.push(src);
        }
    }
    found.import_roots = import_roots(&primary, &found.candidates);
    let read = |path: &Path| read_text(path, display_root).ok().map(|(text, _)| text);
    found.deployments = deploy::collect(&deploy_files, &read);
    found
}

/// The folder to discover settings in for a file passed on the command line: the nearest folder
/// holding `manage.py`, else the nearest one that looks like a project's top (`.git`,
/// `pyproject.toml`, `setup.cfg`), else the file's own folder. The search stops at the
/// repository's top, so a file never pulls in whatever lies above its checkout.
pub fn project_root(file: &Path) -> PathBuf {
    let start = if file.is_dir() {
        file
    } else {
        file.parent().unwrap_or(file)
    };
    let mut marked = None;
    for dir in start.ancestors() {
        if dir.join("manage.py").is_file() {
            return dir.to_path_buf();
        }
        let is_repository = dir.join(".git").exists();
        if marked.is_none()
            && (is_repository
                || dir.join("pyproject.toml").is_file()
                || dir.join("setup.cfg").is_file())
        {
            marked = Some(dir);
        }
        if is_repository {
            break;
        }
    }
    marked.unwrap_or(start).to_path_buf()
}

/// Whether `path`, or a folder between `root` and it, is excluded: what `--force-exclude`
/// applies to a passed path, as discovery applies it to the folders it walks.
pub fn is_excluded_below(root: &Path, path: &Path, excludes: &Excludes) -> bool {
    path.ancestors()
        .take_while(|p| *p != root && p.starts_with(root))
        .any(|p| is_excluded(p, p.is_dir(), excludes))
}

fn visit_file(
    path: &Path,
    display_root: &Path,
    found: &mut Discovery,
    manage_dirs: &mut Vec<PathBuf>,
    deploy_files: &mut Vec<DeployFile>,
) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    if let Some(stem) = name.strip_suffix(".py") {
        // `settings.dist.py` or `local-settings.py` cannot be imported, so Django never loads them.
        let importable = is_identifier(stem);
        if importable && (name == "settings.py" || parent_name(path) == Some("settings")) {
            found.candidates.push(path.to_path_buf());
        }
        if name == "manage.py"
            && let Some(dir) = path.parent()
        {
            manage_dirs.push(dir.to_path_buf());
        }
    }
    if crate::requirements::is_dependency_file(path) {
        found.dependency_files.push(path.to_path_buf());
    }
    // The name decides; only names that may be deployment files are read.
    let Some(candidate) = deploy::source_kind(path) else {
        return;
    };
    let text = match candidate {
        deploy::Candidate::Kind(_) => read_small_text(path, display_root, found),
        // Any YAML, `.ini` or `.conf` file is read to see what it is: one that cannot be read
        // is not reported, since nothing says it was meant for djsafe.
        deploy::Candidate::Sniff(_) => read_text(path, display_root).ok().map(|(text, _)| text),
    };
    if let Some(text) = text
        && let Some(kind) = candidate.decide(&text)
    {
        deploy_files.push(DeployFile {
            path: path.to_path_buf(),
            kind,
            text,
        });
    }
}

/// Reads a file that is expected to be small text (an entry point or a deployment file).
fn read_small_text(path: &Path, display_root: &Path, found: &mut Discovery) -> Option<String> {
    match read_text(path, display_root) {
        Ok((text, problem)) => {
            found.diagnostics.extend(problem);
            Some(text)
        }
        Err(diagnostic) => {
            found.diagnostics.push(diagnostic);
            None
        }
    }
}

/// Reads a source file: too large or unreadable is an error; bytes that are not UTF-8 are
/// replaced and reported (with the line of the first one) so the rest of the file is still linted.
pub fn read_text(
    path: &Path,
    display_root: &Path,
) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    let display = display_path(path, display_root);
    let too_large = |size: u64| {
        Diagnostic::in_file(
            DiagnosticKind::FileTooLarge,
            display.clone(),
            None,
            format!(
                "skipped: the file is {size} bytes, over djsafe's limit of {MAX_FILE_BYTES} bytes"
            ),
        )
    };
    let metadata = std::fs::metadata(path).map_err(|err| read_error(&display, &err))?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(metadata.len()));
    }
    let bytes = std::fs::read(path).map_err(|err| read_error(&display, &err))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(err) => {
            let valid_up_to = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let line = 1 + bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count();
            let diagnostic = Diagnostic::in_file(
                DiagnosticKind::Encoding,
                display,
                Some(line),
                format!(
                    "the file is not valid UTF-8 (byte 0x{:02x}); djsafe read it with the invalid bytes replaced by U+FFFD",
                    bytes[valid_up_to]
                ),
            );
            Ok((
                String::from_utf8_lossy(&bytes).into_owned(),
                Some(diagnostic),
            ))
        }
    }
}

fn read_error(display: &str, err: &std::io::Error) -> Diagnostic {
    Diagnostic::in_file(
        DiagnosticKind::ReadError,
        display,
        None,
        format!("cannot read: {err}"),
    )
}

/// `path` relative to `root` with `/` separators, for output.
pub fn display_path(path: &Path, root: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = relative
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

fn parent_name(path: &Path) -> Option<&str> {
    path.parent()?.file_name()?.to_str()
}

const SKIPPED_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "__pycache__",
    ".tox",
    ".nox",
    "site-packages",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "build",
    "dist",
    "htmlcov",
    ".eggs",
];

/// Version control, dependencies, caches, build output and virtual environments (a folder with
/// `pyvenv.cfg`) hold no settings of the project; the user's excludes name more.
fn is_excluded(path: &Path, is_dir: bool, excludes: &Excludes) -> bool {
    let builtin = is_dir && {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        SKIPPED_DIRS.contains(&name.as_ref())
            || name.ends_with(".egg-info")
            || path.join("pyvenv.cfg").exists()
    };
    builtin || excludes.matches(path)
}

/// The folders absolute imports resolve against, in the order module names are given: first
/// those the project puts on `sys.path` (folders holding `manage.py`, what entry points insert,
/// `src/` layouts), deepest first so the most specific wins; then, for a settings module under
/// none of them, the folder above its outermost package (the first folder without
/// `__init__.py`). Folders without `__init__.py` under a `sys.path` folder are namespace
/// packages: `config/settings/prod.py` under the folder of `manage.py` is
/// `config.settings.prod`.
fn import_roots(primary: &[PathBuf], candidates: &[PathBuf]) -> Vec<PathBuf> {
    let deepest_first = |roots: &mut Vec<PathBuf>| {
        roots.sort_by(|a, b| {
            b.components()
                .count()
                .cmp(&a.components().count())
                .then(a.cmp(b))
        });
        roots.dedup();
    };
    let mut roots: Vec<PathBuf> = primary.to_vec();
    deepest_first(&mut roots);
    let mut fallback = Vec::new();
    for candidate in candidates {
        if roots.iter().any(|root| candidate.starts_with(root)) {
            continue;
        }
        let mut dir = candidate.parent();
        while let Some(d) = dir {
            if !d.join("__init__.py").exists() {
                break;
            }
            dir = d.parent();
        }
        if let Some(root) = dir {
            fallback.push(root.to_path_buf());
        }
    }
    deepest_first(&mut fallback);
    roots.extend(fallback.into_iter().filter(|r| !primary.contains(r)));
    roots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "").unwrap();
    }

    #[test]
    fn project_root_prefers_manage_py_then_a_project_marker_then_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path().canonicalize().unwrap();
        let file = top.join("repo/src/site/settings/base.py");
        touch(&file);
        assert_eq!(project_root(&file), file.parent().unwrap());
        touch(&top.join("repo/setup.cfg"));
        assert_eq!(project_root(&file), top.join("repo"));
        touch(&top.join("repo/src/pyproject.toml"));
        assert_eq!(project_root(&file), top.join("repo/src"));
        touch(&top.join("repo/manage.py"));
        assert_eq!(project_root(&file), top.join("repo"));
    }

    #[test]
    fn project_root_stops_at_the_repository() {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path().canonicalize().unwrap();
        touch(&top.join("manage.py"));
        std::fs::create_dir_all(top.join("checkout/.git")).unwrap();
        let file = top.join("checkout/app/settings.py");
        touch(&file);
        assert_eq!(project_root(&file), top.join("checkout"));
    }

    #[test]
    fn excluded_below_looks_at_the_path_and_its_folders_under_the_root() {
        let root = Path::new("/repo");
        let excludes = Excludes::new(&["legacy".into()], root);
        assert!(is_excluded_below(
            root,
            Path::new("/repo/legacy/a/settings.py"),
            &excludes
        ));
        assert!(!is_excluded_below(
            root,
            Path::new("/repo/app/settings.py"),
            &excludes
        ));
        // The root itself and what lies above it are the user's choice, never excluded.
        assert!(!is_excluded_below(
            Path::new("/repo/legacy"),
            Path::new("/repo/legacy/settings.py"),
            &excludes
        ));
    }
}
