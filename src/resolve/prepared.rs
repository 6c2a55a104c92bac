//! Settings candidates read, parsed and scanned ahead of loading, on every core (issue 11):
//! planning loads thousands of them one after the other, following imports, and parsing was
//! most of that time. Loading then takes what the scan found instead of parsing the file, in
//! the same order as before, so module numbers, diagnostics and output are unchanged.

use std::path::{Path, PathBuf};

use super::{ImportRequest, Project, scan_module};
use crate::diagnostic::Diagnostic;
use crate::discover::read_text;
use crate::fsindex::FsIndex;
use crate::lint::shape::Shape;
use crate::parse::{SyntaxError, parse_python};
use crate::source::FileId;

/// A file read and scanned ahead of loading, with no syntax tree kept.
pub(super) struct Prepared {
    /// The path it was read at: loading uses it only when it reaches the file by that path
    /// (problems reading a file are reported at the path the project names it by).
    pub(super) read_from: PathBuf,
    pub(super) text: String,
    /// What reading it found (bytes that are not UTF-8).
    pub(super) problem: Option<Diagnostic>,
    pub(super) errors: Vec<SyntaxError>,
    pub(super) shape: Shape,
    pub(super) scan: FullScan,
}

/// What loading reads from the tree of a module needed whole: the imports and includes of every
/// top-level statement in order, and the files it `exec`s.
pub(super) struct FullScan {
    pub(super) statements: usize,
    pub(super) requests: Vec<ImportRequest>,
    pub(super) included: Vec<String>,
    pub(super) exec_files: Vec<String>,
}

/// Reads and scans one file; `None` when it cannot be read or parsed (loading then reads it
/// again and reports why).
fn prepare_one(index: &FsIndex, display_root: &Path, path: &Path) -> Option<(PathBuf, Prepared)> {
    let canonical = index.canonical(path);
    let (text, problem) = read_text(path, display_root).ok()?;
    let (tree, errors) = crate::parse::with_parser(|parser| parse_python(parser, &text))?;
    let root = tree.root_node();
    let shape = crate::lint::shape::shape(root, &text);
    let scan = full_scan(root, &text);
    drop(tree);
    Some((
        canonical,
        Prepared {
            read_from: path.to_path_buf(),
            text,
            problem,
            errors,
            shape,
            scan,
        },
    ))
}

/// The scan `Project::imports_of` makes of a module whose importers need all of it.
pub(super) fn full_scan(root: tree_sitter::Node, text: &str) -> FullScan {
    let (mut requests, mut included, mut exec_files) = (Vec::new(), Vec::new(), Vec::new());
    let mut calls_exec = false;
    let mut cursor = root.walk();
    let mut statements = 0;
    for statement in root.named_children(&mut cursor) {
        statements += 1;
        scan_module(
            statement,
            text,
            &mut requests,
            &mut included,
            &mut calls_exec,
        );
    }
    if calls_exec {
        crate::eval::exec_files::file_literals(root, text, &mut exec_files);
    }
    FullScan {
        statements,
        requests,
        included,
        exec_files,
    }
}

/// Candidates read ahead of loading at a time: enough to keep both cores busy, few enough that
/// what waits to be loaded stays small (loading follows imports and deployments, in about the
/// order discovery found the candidates).
const AHEAD: usize = 256;

impl Project {
    /// Queues `paths` (settings candidates, in the order loading will mostly want them) to be
    /// read, parsed and scanned on every core ahead of loading, a window at a time.
    pub fn prepare(&mut self, paths: &[PathBuf]) {
        self.pending.extend(paths.iter().cloned());
    }

    /// Reads the next window of queued candidates when few prepared ones are left; files
    /// already loaded, or that a deployment copies into place, are left to loading.
    fn prepare_ahead(&mut self) {
        if self.prepared.len() >= AHEAD / 4 || self.pending.is_empty() {
            return;
        }
        // What was loaded since the last window has been scanned: its texts are deflated until
        // evaluation reads them, so planning does not hold every module's text at once.
        self.sources.release_texts(FileId(0));
        let mut window = Vec::new();
        while window.len() < AHEAD
            && let Some(path) = self.pending.pop_front()
        {
            let canonical = self.index.canonical(&path);
            if !self.by_file.contains_key(&canonical)
                && !self.copied.contains_key(&canonical)
                && !self.prepared.contains_key(&canonical)
            {
                window.push(path);
            }
        }
        let (index, display_root) = (&*self.index, &self.display_root);
        let prepared = crate::parallel::map(&window, |path| prepare_one(index, display_root, path));
        for (canonical, prepared) in prepared.into_iter().flatten() {
            self.prepared.entry(canonical).or_insert(prepared);
        }
    }

    /// The prepared read of `path` (canonical), when loading reaches it at `found`.
    pub(super) fn take_prepared(&mut self, path: &Path, found: &Path) -> Option<Prepared> {
        self.prepare_ahead();
        self.prepared
            .remove(path)
            .filter(|prepared| prepared.read_from == found)
    }
}
