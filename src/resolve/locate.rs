//! Where the module an import names is: a file of the project, found in discovery's folder
//! listings (and loaded), or a module outside the project.

use std::path::{Path, PathBuf};

use super::{Project, Target};
use crate::fsindex::FsIndex;

impl Project {
    /// Forgets the listings discovery's walk made (a monorepo's tens of thousands of folders,
    /// the largest thing held after planning, issue 11): what is asked after planning (the
    /// folders of settings modules, for globs and dotenv files) is listed again on demand, once
    /// each. Nothing changes when another holder of the index keeps it.
    pub fn forget_walked_listings(&mut self) {
        if let Some(index) = std::sync::Arc::get_mut(&mut self.index) {
            index.forget_walked();
        }
    }

    pub(super) fn resolve(
        &mut self,
        parser: &mut tree_sitter::Parser,
        importer: &Path,
        dotted: &str,
        level: usize,
    ) -> Target {
        let path = match self.locate(importer, dotted, level) {
            Located::External => return Target::External(dotted.to_string()),
            Located::File(path) => path,
        };
        let shown = format!("{}{}", ".".repeat(level), dotted);
        match path {
            Some(path) => match self.load_one(parser, &path) {
                Some(index) => Target::Project(index),
                None => Target::Missing(shown),
            },
            None => Target::Missing(shown),
        }
    }

    /// The modules (`.py` files, `__init__.py` aside) of the project package `package`, loaded,
    /// at most [`MAX_PACKAGE_MODULES`] of them in name order; none when it is not a package of
    /// the project.
    pub(super) fn package_modules(
        &mut self,
        parser: &mut tree_sitter::Parser,
        importer: &Path,
        package: &str,
    ) -> Vec<usize> {
        let Target::Project(index) = self.resolve(parser, importer, package, 0) else {
            return Vec::new();
        };
        if !self.modules[index].is_package {
            return Vec::new();
        }
        let init = self.sources.get(self.modules[index].file).path.clone();
        let Some(dir) = init.parent() else {
            return Vec::new();
        };
        let mut files = self.index.files_matching(dir, |name| {
            name.to_str()
                .is_some_and(|n| n.ends_with(".py") && n != "__init__.py")
        });
        files.sort();
        files
            .into_iter()
            .take(MAX_PACKAGE_MODULES)
            .filter_map(|file| self.load_one(parser, &file))
            .collect()
    }

    /// Where the module an import names is, without loading it: a file of the project (`None`
    /// when the project should hold it and does not), or outside the project.
    pub(super) fn locate(&self, importer: &Path, dotted: &str, level: usize) -> Located {
        let parts: Vec<&str> = dotted.split('.').filter(|p| !p.is_empty()).collect();
        let path = if level > 0 {
            // A relative import starts from the importer's package, which is the importer's
            // folder both for a plain module and for a package's `__init__.py`.
            let mut base = importer.parent().map(Path::to_path_buf);
            for _ in 1..level {
                base = base.and_then(|b| b.parent().map(Path::to_path_buf));
            }
            base.and_then(|base| self.module_file(&base, &parts))
        } else {
            let found = self
                .roots_holding(parts.first().copied())
                .find_map(|root| self.module_file(root, &parts));
            match found {
                Some(path) => Some(path),
                None if self
                    .roots_holding(parts.first().copied())
                    .any(|root| top_level_exists(&self.index, root, parts.first().copied())) =>
                {
                    None
                }
                None => return Located::External,
            }
        };
        Located::File(path)
    }
}

/// The most modules of one package loaded for an import by a name djsafe computes only when
/// evaluating (`import_module(f'config.{ENV}')`).
const MAX_PACKAGE_MODULES: usize = 64;

/// Where an import's module is: see [`Project::locate`].
pub(super) enum Located {
    File(Option<PathBuf>),
    External,
}

/// `dir/a/b.py` or `dir/a/b/__init__.py`; with no parts, the package in `dir` itself.
pub(super) fn module_file(index: &FsIndex, dir: &Path, parts: &[&str]) -> Option<PathBuf> {
    let mut base = dir.to_path_buf();
    for part in parts {
        base.push(part);
    }
    if parts.is_empty() {
        let init = base.join("__init__.py");
        return index.is_file(&init).then_some(init);
    }
    let file = base.with_extension("py");
    if index.is_file(&file) {
        return Some(file);
    }
    let init = base.join("__init__.py");
    index.is_file(&init).then_some(init)
}

fn top_level_exists(index: &FsIndex, root: &Path, top: Option<&str>) -> bool {
    top.is_some_and(|top| {
        index.is_dir(&root.join(top)) || index.is_file(&root.join(format!("{top}.py")))
    })
}
