//! Modules that deployments put in place where the repository has no file: a file a build or
//! start-up step copies there ([`crate::deploy::copies`]: importing the module reads the copied
//! file, for every deployment), and a file a container mounts from a ConfigMap
//! ([`crate::deploy::mounts`]: the ConfigMap's text, for the deployments that mount it alone;
//! an evaluation sees it only when its environment holds the mount's variable).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::locate::module_file;
use super::{Module, Project};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::discover::display_path;
use crate::parse::parse_python;
use crate::source::{FileId, SourceFile, Span};

/// A path some deployments mount a file at.
pub(crate) struct Mounted {
    /// The variable of the mount whose text the module holds (the first, when ConfigMaps of
    /// several deployments mount different files at one path).
    marker: String,
    /// The variables of every mount at this path: `os.path.isfile()` is true under any of them.
    markers: Vec<String>,
    /// The manifest holding the text, where findings point.
    source: PathBuf,
    text: String,
}

/// One mounted file: the repository path it lands at, its mount's variable, the manifest that
/// holds it and its text (line for line with the manifest).
pub struct MountedFile {
    pub path: PathBuf,
    pub marker: String,
    pub source: PathBuf,
    pub text: String,
}

impl Project {
    /// Files that deployment steps copy to paths where the repository has none: importing the
    /// module at such a path reads the copied file ([`crate::deploy::copies`]).
    pub fn add_copies(&mut self, copies: &[crate::deploy::copies::FileCopy]) {
        for copy in copies {
            self.copied.insert(copy.to.clone(), copy.from.clone());
            if !copy.edits.is_empty() {
                self.copy_edits.insert(copy.to.clone(), copy.edits.clone());
            }
        }
    }

    /// Files containers mount from ConfigMaps at paths where the repository has none.
    pub fn add_mounts(&mut self, mounts: impl IntoIterator<Item = MountedFile>) {
        let mut mounts: Vec<MountedFile> = mounts.into_iter().collect();
        mounts.sort_by(|a, b| a.marker.cmp(&b.marker));
        for mount in mounts {
            let path = self.index.canonical(&mount.path);
            let entry = self.mounted.entry(path).or_insert_with(|| Mounted {
                marker: mount.marker.clone(),
                markers: Vec::new(),
                source: mount.source,
                text: mount.text,
            });
            if !entry.markers.contains(&mount.marker) {
                entry.markers.push(mount.marker);
            }
        }
    }

    /// The variables under which some deployment mounts a file at `path`.
    pub fn mount_markers(&self, path: &Path) -> &[String] {
        self.mounted
            .get(path)
            .map(|m| m.markers.as_slice())
            .unwrap_or_default()
    }

    /// The variable under which the mounted module `module` exists, for a module a container
    /// mounts; `None` for every other module.
    pub fn module_mount(&self, module: usize) -> Option<&str> {
        self.mounted_modules.get(&module).map(String::as_str)
    }

    /// Whether `file` is the text of a module a container mounts: it is fixed in the manifest
    /// that holds it, by hand (djsafe's fixes edit Python files).
    pub fn is_mounted_file(&self, file: FileId) -> bool {
        self.mounted_modules
            .keys()
            .any(|&module| self.modules[module].file == file)
    }

    /// `dir/a/b.py` or `dir/a/b/__init__.py`, else `dir/a/b.py` when a deployment copies or mounts
    /// a file there.
    pub(super) fn module_file(&self, dir: &Path, parts: &[&str]) -> Option<PathBuf> {
        module_file(&self.index, dir, parts).or_else(|| {
            if parts.is_empty() || (self.copied.is_empty() && self.mounted.is_empty()) {
                return None;
            }
            let mut path = dir.to_path_buf();
            path.extend(parts);
            let path = path.with_extension("py");
            (self.copied.contains_key(&path) || self.mounted.contains_key(&path)).then_some(path)
        })
    }

    /// A copied module's text as the `sed -i` edits of its way into place leave it, and the
    /// places whose value they make unknown.
    pub(super) fn apply_copy_edits(
        &self,
        path: &Path,
        text: String,
    ) -> (String, Vec<crate::deploy::sed::UnknownSpan>) {
        match self.copy_edits.get(path) {
            Some(edits) => crate::deploy::sed::apply(&text, edits, &|origin| {
                format!(
                    "{}:{}",
                    display_path(&origin.file, &self.display_root),
                    origin.line
                )
            }),
            None => (text, Vec::new()),
        }
    }

    /// Loads the module a ConfigMap mounts at `path`: its text, shown in the manifest.
    pub(super) fn load_mounted(
        &mut self,
        parser: &mut tree_sitter::Parser,
        path: PathBuf,
    ) -> Option<usize> {
        let mounted = self.mounted.get(&path)?;
        let (text, marker) = (mounted.text.clone(), mounted.marker.clone());
        let display = display_path(&mounted.source, &self.display_root);
        // Snippets show the manifest as written, template expressions and all.
        let manifest = std::fs::read_to_string(&mounted.source).ok();
        let Some((tree, errors)) = parse_python(parser, &text) else {
            self.diagnostics.push(Diagnostic::in_file(
                DiagnosticKind::ParseError,
                display,
                None,
                "tree-sitter could not parse the Python file this ConfigMap holds",
            ));
            return None;
        };
        let shape = crate::lint::shape::shape(tree.root_node(), &text);
        let name = self.module_name(&path);
        let mut source = SourceFile::new(path.clone(), display, text);
        if let Some(manifest) = manifest {
            source = source.with_shown(manifest);
        }
        let file = self.sources.add(source);
        for error in errors {
            self.diagnostics.push(Diagnostic::at(
                DiagnosticKind::ParseError,
                Span {
                    file,
                    start: error.byte,
                    end: error.byte,
                },
                format!(
                    "in the Python file this ConfigMap holds (mounted as `{name}`): {}",
                    error.message
                ),
            ));
        }
        self.modules.push(Module {
            name,
            file,
            tree: OnceLock::from(tree),
            shape,
            kept: None,
            is_package: false,
        });
        let index = self.modules.len() - 1;
        self.by_file.insert(path, index);
        self.mounted_modules.insert(index, marker);
        Some(index)
    }
}
