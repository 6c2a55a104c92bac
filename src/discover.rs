//! Finding what to lint without parsing every Python file: candidate settings modules (by file
//! name), the modules that deployment files and Django entry points name through
//! `DJANGO_SETTINGS_MODULE`, the environment those deployments set, and the import roots.

use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::deploy::{self, DeployFileKind, EnvAssignment};
use crate::diagnostic::{Diagnostic, DiagnosticKind};

/// Files larger than this are not read: no settings module is that big, and reading one would
/// only cost memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What names a settings module through `DJANGO_SETTINGS_MODULE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceSource {
    Dockerfile,
    Compose,
    /// `wsgi.py` / `asgi.py`: what the application server loads by default.
    ServerEntryPoint,
    /// `manage.py`: what management commands (and `runserver`) load by default.
    ManagePy,
}

#[derive(Clone, Debug)]
pub struct Reference {
    pub module: String,
    pub file: PathBuf,
    pub line: usize,
    pub source: ReferenceSource,
}

/// A Dockerfile or compose file, with the environment it sets.
#[derive(Clone, Debug)]
pub struct Deployment {
    pub file: PathBuf,
    pub env: Vec<EnvAssignment>,
}

#[derive(Default)]
pub struct Discovery {
    /// `settings.py` files and modules of `settings/` packages.
    pub candidates: Vec<PathBuf>,
    pub references: Vec<Reference>,
    /// Where DJANGO_CONFIGURATION names a django-configurations class (in `module`).
    pub configurations: Vec<Reference>,
    pub deployments: Vec<Deployment>,
    /// Folders that absolute imports resolve against, most specific first.
    pub import_roots: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `paths` (folders or files) and collects what the later stages need.
pub fn discover(paths: &[PathBuf], display_root: &Path) -> Discovery {
    let mut found = Discovery::default();
    let mut manage_dirs = Vec::new();
    for path in paths {
        // Following links finds settings in a linked folder; walkdir reports a link that loops
        // back to its ancestor as an error, which becomes a diagnostic below.
        let walker = WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !is_skipped_dir(e));
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
            if entry.file_type().is_dir() {
                continue;
            }
            visit_file(entry.path(), display_root, &mut found, &mut manage_dirs);
        }
    }
    found.import_roots = import_roots(&manage_dirs, &found.candidates);
    found
}

fn visit_file(
    path: &Path,
    display_root: &Path,
    found: &mut Discovery,
    manage_dirs: &mut Vec<PathBuf>,
) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    if name.ends_with(".py") {
        if name == "settings.py" || parent_name(path) == Some("settings") {
            found.candidates.push(path.to_path_buf());
        }
        let source = match name {
            "manage.py" => {
                if let Some(dir) = path.parent() {
                    manage_dirs.push(dir.to_path_buf());
                }
                ReferenceSource::ManagePy
            }
            "wsgi.py" | "asgi.py" => ReferenceSource::ServerEntryPoint,
            _ => return,
        };
        if let Some(text) = read_small_text(path, display_root, found) {
            add_references(&text, path, source, found);
        }
        return;
    }
    let Some(kind) = deploy::deploy_file_kind(name) else {
        return;
    };
    let Some(text) = read_small_text(path, display_root, found) else {
        return;
    };
    let (env, source) = match kind {
        DeployFileKind::Dockerfile => (deploy::dockerfile_env(&text), ReferenceSource::Dockerfile),
        DeployFileKind::Compose => (deploy::compose_env(&text), ReferenceSource::Compose),
    };
    add_references(&text, path, source, found);
    found.deployments.push(Deployment {
        file: path.to_path_buf(),
        env,
    });
}

fn add_references(text: &str, path: &Path, source: ReferenceSource, found: &mut Discovery) {
    let reference = |r: deploy::SettingsModuleReference| Reference {
        module: r.module,
        file: path.to_path_buf(),
        line: r.line,
        source,
    };
    found.references.extend(
        deploy::settings_module_references(text)
            .into_iter()
            .map(reference),
    );
    found.configurations.extend(
        deploy::configuration_references(text)
            .into_iter()
            .map(reference),
    );
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
/// `pyvenv.cfg`) hold no settings of the project.
fn is_skipped_dir(entry: &DirEntry) -> bool {
    if !entry.file_type().is_dir() || entry.depth() == 0 {
        return false;
    }
    let name = entry.file_name().to_string_lossy();
    SKIPPED_DIRS.contains(&name.as_ref())
        || name.ends_with(".egg-info")
        || entry.path().join("pyvenv.cfg").exists()
}

/// Folders holding `manage.py` are where Django puts the project on `sys.path`; otherwise a
/// module's root is the folder above its outermost package (the first folder without
/// `__init__.py`).
fn import_roots(manage_dirs: &[PathBuf], candidates: &[PathBuf]) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = manage_dirs.to_vec();
    for candidate in candidates {
        let mut dir = candidate.parent();
        while let Some(d) = dir {
            if !d.join("__init__.py").exists() {
                break;
            }
            dir = d.parent();
        }
        if let Some(root) = dir {
            roots.push(root.to_path_buf());
        }
    }
    // Deeper roots first, so the most specific one wins when both could resolve a name.
    roots.sort_by(|a, b| {
        b.components()
            .count()
            .cmp(&a.components().count())
            .then(a.cmp(b))
    });
    roots.dedup();
    roots
}
