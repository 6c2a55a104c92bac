//! Questions about the loaded modules as a graph: who imports whom, what a module's import
//! closure is, and which import root a file is under.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{Project, Target};
use crate::source::FileId;

impl Project {
    /// For each module some other loaded module imports, the modules that import it.
    pub fn imported_by(&self) -> HashMap<usize, Vec<usize>> {
        let module_of: HashMap<FileId, usize> = self
            .modules
            .iter()
            .enumerate()
            .map(|(index, m)| (m.file, index))
            .collect();
        let mut importers: HashMap<usize, Vec<usize>> = HashMap::new();
        for (span, target) in &self.targets {
            if let Target::Project(index) = target
                && self.modules[*index].file != span.file
                && let Some(&importer) = module_of.get(&span.file)
            {
                importers.entry(*index).or_default().push(importer);
            }
        }
        for (file, modules) in &self.included {
            if let Some(&includer) = module_of.get(file) {
                for &module in modules {
                    importers.entry(module).or_default().push(includer);
                }
            }
        }
        for list in importers.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        importers
    }

    /// The innermost import root holding `path`: the first of its folders (or itself) that is
    /// one.
    pub fn deepest_root_of(&self, path: &Path) -> Option<&Path> {
        path.ancestors().find_map(|dir| {
            self.root_rank
                .get(dir)
                .map(|&rank| self.roots[rank].as_path())
        })
    }

    /// The import root a module is named under.
    pub fn root_of(&self, module: usize) -> Option<&Path> {
        let path = &self.sources.get(self.modules[module].file).path;
        self.root_rank_of(path)
            .map(|rank| self.roots[rank].as_path())
    }

    /// The modules a file runs in its own namespace: the files its split-settings `include()`
    /// and its `exec(...)` of repository files name.
    pub fn included_in(&self, file: FileId) -> &[usize] {
        self.included.get(&file).map_or(&[], Vec::as_slice)
    }

    /// The module and every project module it imports, transitively: the files djsafe reads to
    /// evaluate it, so a change to any of them can change its findings.
    pub fn import_closure(&self, module: usize) -> Vec<usize> {
        let mut closure = vec![module];
        let mut seen = HashSet::from([module]);
        let mut next = 0;
        while let Some(&current) = closure.get(next) {
            next += 1;
            let file = self.modules[current].file;
            let imported = self.imports.get(&file).into_iter().flatten();
            for &imported in imported.chain(self.included.get(&file).into_iter().flatten()) {
                if seen.insert(imported) {
                    closure.push(imported);
                }
            }
        }
        closure
    }
}
