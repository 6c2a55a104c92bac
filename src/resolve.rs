//! Loading the modules a settings module imports: resolving dotted and relative names to files
//! (packages, `__init__.py`, modules outside the project), parsing each file once, and recording
//! what every import statement refers to so the evaluator never touches the file system.

use std::collections::{HashMap, VecDeque};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tree_sitter::{Node, Tree};

use crate::demand::Demand;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::discover::{display_path, read_text};
use crate::fsindex::{FsIndex, Kind};
use crate::parse::{parse_python, python_parser};
use crate::source::{FileId, SourceFile, SourceMap, Span};

mod cycles;
mod graph;
mod left_out;
pub use left_out::marker as left_out_marker;
mod locate;
mod placed;
mod prepared;
mod scan;

use locate::{Located, module_file};
pub use placed::MountedFile;
pub use scan::import_name;
use scan::{ImportRequest, scan_module};

pub struct Module {
    /// Dotted name, as Django would import it.
    pub name: String,
    pub file: FileId,
    /// The syntax tree, parsed when first asked for (see [`Project::tree`]) and dropped with
    /// [`Project::release_trees`]: trees take tens of times the memory of their source.
    tree: OnceLock<Tree>,
    /// What the module's code says about it, read when it is loaded.
    pub(crate) shape: crate::lint::shape::Shape,
    /// The top-level statements its importers need (see [`crate::demand`]), by position among
    /// the root's named children; `None` for all of them. Evaluation runs only these.
    pub kept: Option<Vec<bool>>,
    pub is_package: bool,
}

/// What the module part of one import refers to.
#[derive(Clone, Debug)]
pub enum Target {
    Project(usize),
    /// Outside the project: the standard library or an installed package.
    External(String),
    /// Looks like the project's but no file exists, or climbs above the top package.
    Missing(String),
}

pub struct Project {
    pub sources: SourceMap,
    pub modules: Vec<Module>,
    by_file: HashMap<PathBuf, usize>,
    /// The target of each imported dotted name, keyed by the span of the name in the import.
    targets: HashMap<Span, Target>,
    roots: Vec<PathBuf>,
    /// The position of each import root in `roots` (its first), to find a file's root from the
    /// file's folders instead of trying every root.
    root_rank: HashMap<PathBuf, usize>,
    /// For each name at the top of some import root (a folder or a `.py` file), the roots that
    /// hold it, in order: an absolute import looks only there.
    top_level: OnceLock<HashMap<OsString, Vec<usize>>>,
    /// The folder listings discovery made; every "does this file exist?" is answered there.
    index: Arc<FsIndex>,
    /// The project modules each file's imports name, as resolved.
    imports: HashMap<FileId, Vec<usize>>,
    /// The modules whose tree is parsed, to release.
    parsed: std::sync::Mutex<Vec<usize>>,
    display_root: PathBuf,
    /// What each loaded module's importers need from it.
    demands: HashMap<usize, Demand>,
    /// For each module, the top-level statements whose imports have been resolved.
    scanned: HashMap<usize, Vec<bool>>,
    /// The modules each file `include()`s (django-split-settings), which run in its namespace.
    included: HashMap<FileId, Vec<usize>>,
    /// Files that are not Python modules (deployment and dependency files), loaded once each.
    text_files: HashMap<PathBuf, FileId>,
    /// Modules that a deployment step copies into place (`RUN cp docker/config.py
    /// settings/config.py`): the path the copy lands at, and the repository file copied.
    copied: HashMap<PathBuf, PathBuf>,
    /// The `sed -i` edits made to a copied module on its way into place, by landing path.
    copy_edits: HashMap<PathBuf, Vec<crate::deploy::sed::Edit>>,
    /// Places of loaded files whose text an edit replaced with what the repository does not
    /// hold: they evaluate to unknown values naming the edit.
    pub edited: HashMap<FileId, Vec<crate::deploy::sed::UnknownSpan>>,
    /// Where a copied module sits once copied, which its relative imports start from.
    located: HashMap<FileId, PathBuf>,
    /// Modules that containers mount from a ConfigMap, by the path they land at (see `placed`).
    mounted: HashMap<PathBuf, placed::Mounted>,
    /// The loaded mounted modules, with the variable an evaluation sets when its deployment
    /// mounts that module's text.
    mounted_modules: HashMap<usize, String>,
    /// What the images of deployments leave out of their containers (`.dockerignore`), each with
    /// the variable an evaluation sets when its deployment runs such an image (see `left_out`).
    left_out: Vec<(String, crate::deploy::LeftOut)>,
    /// The project files each file's import lines run, read from its text without parsing it
    /// (see `cycles.rs`): filled as cycles through unneeded statements are looked for.
    import_lines_of: std::sync::Mutex<HashMap<PathBuf, Arc<Vec<PathBuf>>>>,
    /// Settings candidates read and scanned ahead of loading (see [`prepared`]), by canonical
    /// path, until loaded.
    prepared: HashMap<PathBuf, prepared::Prepared>,
    /// Candidates queued to be read ahead, not yet read.
    pending: VecDeque<PathBuf>,
    /// What the scan ahead of loading found in a loaded module, until its imports are resolved.
    prescanned: HashMap<usize, prepared::FullScan>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Project {
    pub fn new(roots: Vec<PathBuf>, display_root: PathBuf) -> Self {
        Self::with_index(roots, display_root, Arc::default())
    }

    /// A project whose files are looked up in `index` (discovery's listings).
    pub fn with_index(roots: Vec<PathBuf>, display_root: PathBuf, index: Arc<FsIndex>) -> Self {
        let mut root_rank = HashMap::new();
        for (rank, root) in roots.iter().enumerate() {
            root_rank.entry(root.clone()).or_insert(rank);
        }
        Project {
            sources: SourceMap::default(),
            modules: Vec::new(),
            by_file: HashMap::new(),
            targets: HashMap::new(),
            roots,
            root_rank,
            top_level: OnceLock::new(),
            index,
            imports: HashMap::new(),
            parsed: Default::default(),
            display_root,
            demands: HashMap::new(),
            scanned: HashMap::new(),
            included: HashMap::new(),
            text_files: HashMap::new(),
            copied: HashMap::new(),
            copy_edits: HashMap::new(),
            edited: HashMap::new(),
            located: HashMap::new(),
            mounted: HashMap::new(),
            mounted_modules: HashMap::new(),
            left_out: Vec::new(),
            import_lines_of: Default::default(),
            prepared: HashMap::new(),
            pending: VecDeque::new(),
            prescanned: HashMap::new(),
            diagnostics: Vec::new(),
        }
    }

    /// A module's syntax tree, parsed again when it was released.
    pub fn tree(&self, index: usize) -> &Tree {
        let module = &self.modules[index];
        module.tree.get_or_init(|| {
            self.parsed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(index);
            self.parse_detached(index)
        })
    }

    /// A module's syntax tree parsed for the caller alone, which drops it when done (the
    /// project does not keep it): for work on one file at a time after the lint, where keeping
    /// every tree would hold them all at once.
    pub fn parse_detached(&self, index: usize) -> Tree {
        thread_local! {
            static PARSER: std::cell::RefCell<tree_sitter::Parser> =
                std::cell::RefCell::new(python_parser());
        }
        let text = &self.sources.get(self.modules[index].file).text();
        PARSER
            .with(|parser| parse_python(&mut parser.borrow_mut(), text))
            .map(|(tree, _)| tree)
            .unwrap_or_else(|| {
                // It parsed when it was loaded; tree-sitter only fails on cancellation.
                let mut parser = python_parser();
                parser
                    .parse("", None)
                    .expect("tree-sitter parses an empty file")
            })
    }

    /// Drops every syntax tree (they are parsed again on demand): between batches of settings
    /// modules, so memory stays that of the batch being linted.
    pub fn release_trees(&mut self) {
        let parsed = std::mem::take(self.parsed.get_mut().unwrap_or_else(|e| e.into_inner()));
        for index in parsed {
            self.modules[index].tree = OnceLock::new();
        }
    }

    pub fn target(&self, name: Span) -> Option<&Target> {
        self.targets.get(&name)
    }

    /// The loaded module of a file, by its canonical path.
    pub fn module_by_path(&self, path: &Path) -> Option<usize> {
        self.by_file.get(path).copied()
    }

    pub fn display_root(&self) -> &Path {
        &self.display_root
    }

    /// The folder listings files are looked up in.
    pub fn index(&self) -> &FsIndex {
        &self.index
    }

    /// Finds the file of an absolute dotted module name under the import roots.
    pub fn find_module_file(&self, name: &str) -> Option<PathBuf> {
        let parts: Vec<&str> = name.split('.').collect();
        self.roots_holding(parts.first().copied())
            .find_map(|root| self.module_file(root, &parts))
    }

    /// The import roots that may hold a module whose dotted name starts with `top`, in order:
    /// those with a folder or a `.py` file of that name.
    fn roots_holding<'a>(
        &'a self,
        top: Option<&str>,
    ) -> Box<dyn Iterator<Item = &'a PathBuf> + 'a> {
        let Some(top) = top.filter(|t| !t.is_empty()) else {
            return Box::new(self.roots.iter());
        };
        let top_level = self.top_level.get_or_init(|| {
            let mut map: HashMap<OsString, Vec<usize>> = HashMap::new();
            for (rank, root) in self.roots.iter().enumerate() {
                let Some(listing) = self.index.listing(root) else {
                    continue;
                };
                for entry in listing.entries() {
                    let name = match entry.kind {
                        Kind::Dir => entry.name.to_os_string(),
                        Kind::File => match entry.name.to_str().and_then(|n| n.strip_suffix(".py"))
                        {
                            Some(stem) => OsString::from(stem),
                            None => continue,
                        },
                        Kind::Special | Kind::Broken => continue,
                    };
                    let ranks = map.entry(name).or_default();
                    if ranks.last() != Some(&rank) {
                        ranks.push(rank);
                    }
                }
            }
            // A file a deployment copies to an import root's top (onto the image's
            // PYTHONPATH) is a top-level module there.
            for to in self.copied.keys().chain(self.mounted.keys()) {
                let (Some(dir), Some(stem)) = (to.parent(), to.file_stem()) else {
                    continue;
                };
                if let Some(rank) = self.roots.iter().position(|root| root == dir) {
                    let ranks = map.entry(stem.to_os_string()).or_default();
                    if !ranks.contains(&rank) {
                        ranks.push(rank);
                        ranks.sort_unstable();
                    }
                }
            }
            map
        });
        let ranks = top_level
            .get(std::ffi::OsStr::new(top))
            .map(Vec::as_slice)
            .unwrap_or_default();
        Box::new(ranks.iter().map(|&rank| &self.roots[rank]))
    }

    /// The first import root (in `roots` order) that contains `path`.
    fn root_rank_of(&self, path: &Path) -> Option<usize> {
        path.ancestors()
            .skip(1)
            .filter_map(|dir| self.root_rank.get(dir).copied())
            .min()
    }

    /// Loads `path` and everything it imports, transitively. Returns the module's index, or
    /// `None` when the file could not be read (a diagnostic says why).
    pub fn load(&mut self, path: &Path) -> Option<usize> {
        crate::parse::with_parser(|parser| self.load_with(parser, path))
    }

    fn load_with(&mut self, parser: &mut tree_sitter::Parser, path: &Path) -> Option<usize> {
        let first = self.load_one(parser, path)?;
        let mut queue = VecDeque::from([(first, Demand::All)]);
        while let Some((index, demand)) = queue.pop_front() {
            // Each statement's imports are resolved once, however many entry modules reach it;
            // a module is looked at again only when its importers need more of it.
            let known = self.demands.contains_key(&index);
            let grew = match self.demands.get_mut(&index) {
                Some(mine) => mine.extend(&demand),
                None => {
                    self.demands.insert(index, demand);
                    true
                }
            };
            if known && !grew {
                continue;
            }
            for (span, target, demand) in self.imports_of(parser, index) {
                if let Target::Project(imported) = target {
                    queue.push_back((imported, demand));
                    self.imports.entry(span.file).or_default().push(imported);
                }
                self.targets.insert(span, target);
            }
            let file = self.modules[index].file;
            queue.extend(
                self.included
                    .get(&file)
                    .into_iter()
                    .flatten()
                    .map(|&m| (m, Demand::All)),
            );
        }
        Some(first)
    }

    /// Loads source that is not a file of the project (Django's defaults), under a display name,
    /// parsed once.
    pub fn load_text(&mut self, display: &str, text: &str) -> usize {
        let mut parser = python_parser();
        let (tree, _) =
            parse_python(&mut parser, text).expect("tree-sitter parses djsafe's own Python source");
        let shape = crate::lint::shape::shape(tree.root_node(), text);
        let file = self.sources.add(SourceFile::new(
            PathBuf::from(display),
            display.to_string(),
            text.to_string(),
        ));
        self.modules.push(Module {
            name: display.to_string(),
            file,
            tree: OnceLock::from(tree),
            shape,
            kept: None,
            is_package: false,
        });
        // Its tree is kept for the whole run (not in `parsed`, so never released): every batch
        // of the lint evaluates it.
        self.modules.len() - 1
    }

    /// Adds a text file that is not Python (a requirements file) to the source map, so findings
    /// can point into it. `None` when it cannot be read; a file that is not UTF-8 is read with
    /// the invalid bytes replaced.
    pub fn load_text_file(&mut self, path: &Path) -> Option<FileId> {
        if let Some(&id) = self.text_files.get(path) {
            return Some(id);
        }
        let (text, _) = read_text(path, &self.display_root).ok()?;
        let display = display_path(path, &self.display_root);
        let id = self
            .sources
            .add(SourceFile::new(path.to_path_buf(), display, text));
        self.text_files.insert(path.to_path_buf(), id);
        Some(id)
    }

    fn load_one(&mut self, parser: &mut tree_sitter::Parser, found: &Path) -> Option<usize> {
        let path = self.index.canonical(found);
        if let Some(&index) = self.by_file.get(&path) {
            return Some(index);
        }
        if self.mounted.contains_key(&path) {
            return self.load_mounted(parser, path);
        }
        // A copied module is read, shown and fixed in the file copied.
        let copied_from = self.copied.get(&path).cloned();
        let read_path = copied_from.as_deref().unwrap_or(found);
        let display = display_path(copied_from.as_deref().unwrap_or(&path), &self.display_root);
        let prepared = match copied_from {
            Some(_) => None,
            None => self.take_prepared(&path, found),
        };
        let mut edited_places = Vec::new();
        let (text, tree, errors, shape, scan) = match prepared {
            Some(prepared) => {
                self.diagnostics.extend(prepared.problem);
                let (text, errors, shape) = (prepared.text, prepared.errors, prepared.shape);
                (text, None, errors, shape, Some(prepared.scan))
            }
            None => {
                // Read where it was found: a problem is reported at the name the project uses (a link
                // to a device is reported as the link, not as `/dev/zero`).
                let text = match read_text(read_path, &self.display_root) {
                    Ok((text, problem)) => {
                        self.diagnostics.extend(problem);
                        let (text, places) = self.apply_copy_edits(&path, text);
                        edited_places = places;
                        text
                    }
                    Err(diagnostic) => {
                        self.diagnostics.push(diagnostic);
                        return None;
                    }
                };
                let Some((tree, errors)) = parse_python(parser, &text) else {
                    self.diagnostics.push(Diagnostic::in_file(
                        DiagnosticKind::ParseError,
                        display,
                        None,
                        "tree-sitter could not parse the file",
                    ));
                    return None;
                };
                let shape = crate::lint::shape::shape(tree.root_node(), &text);
                (text, Some(tree), errors, shape, None)
            }
        };
        let name = self.module_name(&path);
        let is_package = path.file_name().is_some_and(|n| n == "__init__.py");
        let file = self.sources.add(SourceFile::new(
            copied_from.clone().unwrap_or_else(|| path.clone()),
            display,
            text,
        ));
        if copied_from.is_some() {
            self.located.insert(file, path.clone());
            if !edited_places.is_empty() {
                self.edited.insert(file, edited_places);
            }
        }
        for error in errors {
            self.diagnostics.push(Diagnostic::at(
                DiagnosticKind::ParseError,
                Span {
                    file,
                    start: error.byte,
                    end: error.byte,
                },
                error.message,
            ));
        }
        self.modules.push(Module {
            name,
            file,
            tree: tree.map_or_else(OnceLock::new, OnceLock::from),
            shape,
            kept: None,
            is_package,
        });
        if let Some(scan) = scan {
            self.prescanned.insert(self.modules.len() - 1, scan);
        }
        self.by_file.insert(path, self.modules.len() - 1);
        Some(self.modules.len() - 1)
    }

    /// The dotted name of a file, relative to the first import root that contains it.
    fn module_name(&self, path: &Path) -> String {
        let relative = self
            .root_rank_of(path)
            .and_then(|rank| path.strip_prefix(&self.roots[rank]).ok())
            .unwrap_or_else(|| Path::new(path.file_name().unwrap_or_default()));
        let mut parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if let Some(last) = parts.last_mut() {
            *last = last.trim_end_matches(".py").to_string();
        }
        if parts.len() > 1 && parts.last().is_some_and(|p| p == "__init__") {
            parts.pop();
        }
        parts.join(".")
    }

    /// The imports of the module's statements its importers need and whose imports are not yet
    /// resolved (at any depth: imports inside `if` and `try` count), resolved, each with what it
    /// needs of the module it imports.
    fn imports_of(
        &mut self,
        parser: &mut tree_sitter::Parser,
        index: usize,
    ) -> Vec<(Span, Target, Demand)> {
        let file = self.modules[index].file;
        let path = self
            .located
            .get(&file)
            .cloned()
            .unwrap_or_else(|| self.sources.get(file).path.clone());
        let (mut requests, mut included, mut exec_files) = (Vec::new(), Vec::new(), Vec::new());
        let demand = self.demands.get(&index).cloned().unwrap_or(Demand::All);
        let mut scanned = self.scanned.remove(&index);
        // Scanned ahead (see [`prepared`]): what the walk below would find, with no tree.
        let prescan = self
            .prescanned
            .remove(&index)
            .filter(|_| demand == Demand::All && scanned.is_none());
        let kept = if let Some(scan) = prescan {
            (requests, included, exec_files) = (scan.requests, scan.included, scan.exec_files);
            scanned = Some(vec![true; scan.statements]);
            None
        } else {
            let root = self.tree(index).root_node();
            let text = &self.sources.get(file).text();
            let mut kept = crate::demand::kept_statements(root, text, &demand);
            let mut cursor = root.walk();
            let statements: Vec<Node> = root.named_children(&mut cursor).collect();
            if let Some(kept) = kept.as_mut() {
                // Statements kept before (for a smaller demand, or because what they import
                // imports this module back) stay kept.
                if let Some(before) = &self.modules[index].kept {
                    for (now, was) in kept.iter_mut().zip(before) {
                        *now |= *was;
                    }
                }
                for (position, statement) in statements.iter().enumerate() {
                    if !kept[position] && self.imported_back(*statement, text, &path, index) {
                        kept[position] = true;
                    }
                }
            }
            let scanned = scanned.get_or_insert_with(|| vec![false; statements.len()]);
            let mut calls_exec = false;
            for (position, statement) in statements.iter().enumerate() {
                let wanted = kept.as_ref().is_none_or(|kept| kept[position]);
                if wanted && !scanned[position] {
                    scanned[position] = true;
                    scan_module(
                        *statement,
                        text,
                        &mut requests,
                        &mut included,
                        &mut calls_exec,
                    );
                }
            }
            if calls_exec {
                crate::eval::exec_files::file_literals(root, text, &mut exec_files);
            }
            kept
        };
        self.scanned.extend(scanned.map(|s| (index, s)));
        self.modules[index].kept = kept;
        // Everything loading needs from the tree is read: it is parsed again if evaluation
        // needs it.
        self.modules[index].tree = OnceLock::new();
        let mut found = Vec::new();
        // django-split-settings' `include('components/*.py', optional('local.py'))` runs those
        // files in the including module's namespace: load them like imports.
        for pattern in included {
            let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
            for matched in crate::glob::expand(&self.index, &base, &pattern) {
                if let Some(module) = self.load_one(parser, &matched)
                    && module != index
                {
                    let list = self.included.entry(file).or_default();
                    if !list.contains(&module) {
                        list.push(module);
                    }
                }
            }
        }
        // Files a module `exec`s (`exec(open(f).read())` over `glob.glob(... '*.conf')`) also
        // run in its namespace: load those its literals name, next to it, a bounded number.
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let matched = exec_files
            .iter()
            .flat_map(|pattern| crate::glob::expand(&self.index, &base, pattern))
            .take(crate::eval::exec_files::MAX_EXEC_FILES)
            .collect::<Vec<_>>();
        for matched in matched {
            if let Some(module) = self.load_one(parser, &matched)
                && module != index
            {
                let list = self.included.entry(file).or_default();
                if !list.contains(&module) {
                    list.push(module);
                }
            }
        }
        for request in requests {
            // `import_module(f'config.{ENV}')`: the package's modules, for evaluation to run the
            // one the environment names.
            if let Some(package) = request.dotted.strip_suffix(".*") {
                let (start, end) = request.name;
                for module in self.package_modules(parser, &path, package) {
                    found.push((
                        Span { file, start, end },
                        Target::Project(module),
                        Demand::All,
                    ));
                }
                continue;
            }
            let target = self.resolve(parser, &path, &request.dotted, request.level);
            // A library's module found by name is nothing to load or to report.
            if request.by_name && !matches!(target, Target::Project(_)) {
                continue;
            }
            // `from package import name` imports the submodule `name` when there is one.
            if let Target::Project(package) = target
                && self.modules[package].is_package
            {
                let package_file = self.sources.get(self.modules[package].file).path.clone();
                for ((start, end), name) in &request.from_names {
                    let submodule = package_file
                        .parent()
                        .and_then(|dir| module_file(&self.index, dir, &[name.as_str()]));
                    if let Some(sub_index) = submodule.and_then(|p| self.load_one(parser, &p)) {
                        found.push((
                            Span {
                                file,
                                start: *start,
                                end: *end,
                            },
                            Target::Project(sub_index),
                            Demand::All,
                        ));
                    }
                }
            }
            let (start, end) = request.name;
            found.push((Span { file, start, end }, target, request.demand));
        }
        found
    }
}
