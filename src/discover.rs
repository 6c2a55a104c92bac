//! Finding what to lint without parsing every Python file: candidate settings modules (by file
//! name), the modules that deployment files and Django entry points name through
//! `DJANGO_SETTINGS_MODULE`, the environment those deployments set, and the import roots.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::deploy::{self, DeployFile, Deployment};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::exclude::Excludes;
use crate::fsindex::{FsIndex, Kind, Listing};

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
    /// The listing of every folder walked, which later stages ask instead of the file system.
    pub index: Arc<FsIndex>,
    /// Settings files deployment steps copy to paths where the repository has none.
    pub copies: Vec<deploy::copies::FileCopy>,
    /// YAML files that may be Ansible tasks copying files (read for `copies` only).
    pub playbooks: Vec<(PathBuf, String)>,
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
    let mut walk = Walk {
        excludes,
        display_root,
        index: FsIndex::default(),
        visited: (roots.len() > 1 || !passed.is_empty()).then(HashSet::new),
        diagnostics: Vec::new(),
    };
    for root in roots {
        let mut on_file = |path: &Path| {
            visit_file(
                path,
                display_root,
                &mut found,
                &mut manage_dirs,
                &mut deploy_files,
            )
        };
        walk.root(root, &mut on_file);
    }
    let Walk {
        index,
        mut visited,
        diagnostics,
        ..
    } = walk;
    found.diagnostics.extend(diagnostics);
    let index = Arc::new(index);
    for path in passed {
        if visited.as_mut().is_none_or(|v| v.insert(path.clone())) {
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
    // Entry points are parsed once, for their folders and their deployments.
    let mut entry_point_deployments = HashMap::new();
    for file in deploy_files
        .iter()
        .filter(|f| f.kind == deploy::SourceKind::EntryPoint)
    {
        let (folders, deployments) = deploy::entrypoint::analyze(&file.path, &file.text);
        primary.extend(folders.into_iter().filter(|dir| index.is_dir(dir)));
        entry_point_deployments.insert(file.path.as_path(), deployments);
    }
    for root in roots {
        let src = root.join("src");
        let packaged = ["pyproject.toml", "setup.cfg", "setup.py"]
            .iter()
            .any(|f| index.is_file(&root.join(f)));
        if packaged && index.is_dir(&src) {
            primary.push(src);
        }
    }
    found.import_roots = import_roots(&primary, &found.candidates, &index);
    found.index = index;
    let read = |path: &Path| read_text(path, display_root).ok().map(|(text, _)| text);
    found.deployments = deploy::collect_analyzed(&deploy_files, &read, entry_point_deployments);
    found.copies = deploy::copies::collect(
        &deploy_files,
        &found.playbooks,
        &found.import_roots,
        &|path| found.index.is_file(path),
    );
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
        // `settings.dist.py` cannot be imported, so Django never loads it. A hyphen is no bar:
        // `import x-y` is a syntax error, but `DJANGO_SETTINGS_MODULE=settings.production-ci`
        // goes through `importlib.import_module`, which finds `production-ci.py`.
        let importable = is_settings_module_name(stem);
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
    if let Some(text) = text {
        match candidate.decide(&text) {
            Some(kind) => deploy_files.push(DeployFile {
                path: path.to_path_buf(),
                kind,
                text,
            }),
            // An Ansible playbook copying files into place (a settings module among them).
            None if deploy::copies::may_copy_files(path, &text) => {
                found.playbooks.push((path.to_path_buf(), text));
            }
            None => {}
        }
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
    // Opening a FIFO blocks until something writes to it; a device may never end.
    if !metadata.is_file() {
        return Err(Diagnostic::in_file(
            DiagnosticKind::ReadError,
            display,
            None,
            format!(
                "skipped: not a regular file ({}), so djsafe does not open it",
                special_kind(&metadata.file_type())
            ),
        ));
    }
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

#[cfg(unix)]
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a file"
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

/// A name `importlib.import_module` (what Django uses for `DJANGO_SETTINGS_MODULE`) loads from
/// `<name>.py`: an identifier, or identifier characters and hyphens (`production-ci`), which
/// only an import by name reaches.
pub fn is_settings_module_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
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
    (is_dir && (skipped_by_name(path) || path.join("pyvenv.cfg").exists()))
        || excludes.matches(path)
}

/// Folders skipped by their name alone, before they are listed.
fn skipped_by_name(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    SKIPPED_DIRS.contains(&name.as_ref())
        || name.ends_with(".egg-info")
        || is_template_folder(&name)
}

/// A project-template folder (`{{cookiecutter.project_slug}}`, copier's `{{ name }}`, a
/// `{% if %}` name): what it holds is rendered into other projects, so its settings and compose
/// files are no deployment of this repository (nor valid Python or YAML, often).
fn is_template_folder(name: &str) -> bool {
    (name.contains("{{") && name.contains("}}")) || (name.contains("{%") && name.contains("%}"))
}

/// The walk: each folder listed once (the listing kept in the index), the folders that can hold
/// no settings pruned before they are listed (a virtual environment once its listing shows
/// `pyvenv.cfg`), symbolic links followed, a link back to a folder being walked reported.
struct Walk<'a> {
    excludes: &'a Excludes,
    display_root: &'a Path,
    index: FsIndex,
    /// The files visited, when several roots may hold the same file (or files were passed).
    visited: Option<HashSet<PathBuf>>,
    diagnostics: Vec<Diagnostic>,
}

impl Walk<'_> {
    fn root(&mut self, root: &Path, on_file: &mut dyn FnMut(&Path)) {
        let real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let listing = match Listing::read(root, (real != root).then(|| real.clone())) {
            Ok(listing) => Arc::new(listing),
            Err(err) => return self.cannot_walk(root, &err.to_string()),
        };
        let mut stack = vec![real.clone()];
        self.folder(root, &real, listing, &mut stack, on_file);
    }

    fn folder(
        &mut self,
        dir: &Path,
        real: &Path,
        listing: Arc<Listing>,
        stack: &mut Vec<PathBuf>,
        on_file: &mut dyn FnMut(&Path),
    ) {
        self.index.insert_walked(dir.to_path_buf(), listing.clone());
        for entry in listing.entries() {
            let path = dir.join(entry.name);
            match entry.kind {
                Kind::Dir => {
                    if skipped_by_name(&path) || self.excludes.matches(&path) {
                        continue;
                    }
                    let child_real = if entry.link {
                        match path.canonicalize() {
                            Ok(target) => target,
                            Err(err) => {
                                self.cannot_walk(&path, &err.to_string());
                                continue;
                            }
                        }
                    } else {
                        real.join(entry.name)
                    };
                    if stack.contains(&child_real) {
                        let message = format!(
                            "File system loop found: {} points to an ancestor {}",
                            path.display(),
                            child_real.display()
                        );
                        self.cannot_walk(&path, &message);
                        continue;
                    }
                    let own = (child_real != path).then(|| child_real.clone());
                    let child = match Listing::read(&path, own) {
                        Ok(listing) => Arc::new(listing),
                        Err(err) => {
                            self.cannot_walk(&path, &err.to_string());
                            continue;
                        }
                    };
                    // A virtual environment, known by its `pyvenv.cfg`.
                    if child.get(std::ffi::OsStr::new("pyvenv.cfg")).is_some() {
                        continue;
                    }
                    stack.push(child_real.clone());
                    self.folder(&path, &child_real, child, stack, on_file);
                    stack.pop();
                }
                Kind::Broken => {
                    self.cannot_walk(&path, "a symbolic link to nothing");
                }
                Kind::File | Kind::Special => {
                    if self.excludes.matches(&path) {
                        continue;
                    }
                    if self
                        .visited
                        .as_mut()
                        .is_none_or(|visited| visited.insert(path.clone()))
                    {
                        on_file(&path);
                    }
                }
            }
        }
    }

    fn cannot_walk(&mut self, path: &Path, why: &str) {
        self.diagnostics.push(Diagnostic::in_file(
            DiagnosticKind::ReadError,
            display_path(path, self.display_root),
            None,
            format!("cannot walk: {why}"),
        ));
    }
}

/// The folders absolute imports resolve against, in the order module names are given: first
/// those the project puts on `sys.path` (folders holding `manage.py`, what entry points insert,
/// `src/` layouts), deepest first so the most specific wins; then, for a settings module under
/// none of them, the folder above its outermost package (the first folder without
/// `__init__.py`). Folders without `__init__.py` under a `sys.path` folder are namespace
/// packages: `config/settings/prod.py` under the folder of `manage.py` is
/// `config.settings.prod`.
fn import_roots(primary: &[PathBuf], candidates: &[PathBuf], index: &FsIndex) -> Vec<PathBuf> {
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
    // Looked up by each candidate's folders: comparing every candidate with every root grows
    // with the square of the projects in a monorepo.
    let root_set: HashSet<&Path> = roots.iter().map(PathBuf::as_path).collect();
    let above_packages = |mut dir: Option<&Path>| {
        while let Some(d) = dir {
            if !index.exists(&d.join("__init__.py")) {
                break;
            }
            dir = d.parent();
        }
        dir.map(Path::to_path_buf)
    };
    // A `manage.py` inside a package (`archivebox/manage.py` beside `archivebox/__init__.py`)
    // puts that folder on `sys.path`, but the package is also imported whole from above it
    // (`archivebox.core.settings`, as its installed console script and tests name it).
    let mut fallback: Vec<PathBuf> = roots
        .iter()
        .filter(|root| index.exists(&root.join("__init__.py")))
        .filter_map(|root| above_packages(Some(root)))
        .collect();
    for candidate in candidates {
        if candidate.ancestors().any(|dir| root_set.contains(dir)) {
            continue;
        }
        fallback.extend(above_packages(candidate.parent()));
    }
    deepest_first(&mut fallback);
    let primary: HashSet<&Path> = primary.iter().map(PathBuf::as_path).collect();
    roots.extend(
        fallback
            .into_iter()
            .filter(|r| !primary.contains(r.as_path())),
    );
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
    fn a_manage_py_inside_a_package_adds_the_folder_above_the_package() {
        // `archivebox/manage.py` beside `archivebox/__init__.py`: `core.settings` from the
        // folder of manage.py, `archivebox.core.settings` from the repository's top.
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path().canonicalize().unwrap();
        for file in [
            "archivebox/__init__.py",
            "archivebox/manage.py",
            "archivebox/core/__init__.py",
            "archivebox/core/settings.py",
        ] {
            touch(&top.join(file));
        }
        let found = discover(
            std::slice::from_ref(&top),
            &BTreeSet::new(),
            &Excludes::new(&[], &top),
            &top,
        );
        assert_eq!(
            found.import_roots,
            vec![top.join("archivebox"), top.clone()]
        );
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
