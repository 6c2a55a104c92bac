//! What the paths on the command line select. A folder is linted whole. A file is a trigger, as
//! pre-commit passes only the changed files: djsafe discovers the project the file belongs to and
//! lints the settings modules whose imports reach it, so a change to `common.py` re-checks every
//! module built on it, and a file that no settings module imports reports nothing.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::discover::{is_excluded_below, project_root};
use crate::exclude::Excludes;

pub struct Targets {
    folders: Vec<PathBuf>,
    /// The passed files that `--force-exclude` kept.
    files: BTreeSet<PathBuf>,
    /// Whether any file was passed (even one that `--force-exclude` then dropped): the report is
    /// then limited to what the files concern.
    triggered: bool,
    /// The folders to discover: the given ones and each file's project.
    roots: Vec<PathBuf>,
}

impl Targets {
    /// `paths` must be canonical, so that they compare equal to the files the project loads.
    pub fn new(paths: &[PathBuf], excludes: &Excludes, force_exclude: bool) -> Self {
        let mut folders = Vec::new();
        let mut files = BTreeSet::new();
        let mut roots: Vec<PathBuf> = Vec::new();
        let mut triggered = false;
        for path in paths {
            let root = project_root(path);
            triggered |= !path.is_dir();
            if force_exclude && is_excluded_below(&root, path, excludes) {
                continue;
            }
            if path.is_dir() {
                folders.push(path.clone());
                roots.push(path.clone());
            } else {
                files.insert(path.clone());
                roots.push(root);
            }
        }
        roots.sort();
        roots.dedup();
        Targets {
            folders,
            files,
            triggered,
            roots,
        }
    }

    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    pub fn files(&self) -> &BTreeSet<PathBuf> {
        &self.files
    }

    pub fn triggered(&self) -> bool {
        self.triggered
    }

    /// Whether to lint a settings module, given the files its evaluation reads (itself first):
    /// it lies in a given folder, or it reads a passed file.
    pub fn selects(&self, closure: &[&Path]) -> bool {
        closure.first().is_some_and(|entry| self.in_folders(entry))
            || closure.iter().any(|file| self.files.contains(*file))
    }

    /// Whether a problem reading `file` belongs in the report: it is in a given folder or in a
    /// file a linted module reads, not somewhere only a trigger's discovery walked.
    pub fn covers(&self, file: &Path, linted: &HashSet<&Path>) -> bool {
        !self.triggered || self.in_folders(file) || linted.contains(file)
    }

    fn in_folders(&self, file: &Path) -> bool {
        self.folders.iter().any(|folder| file.starts_with(folder))
    }
}
