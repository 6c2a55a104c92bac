//! Import cycles a sliced module does not show (see [`crate::demand`]): a statement its
//! importers do not need may import a file that imports the module back and changes its objects
//! through the partly initialised module (a plugin registry filled by the modules it imports).
//! Python runs that statement, so the slice keeps it. Told from the imported file's import lines,
//! read without parsing it, so a slice still loads only what its names need.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tree_sitter::Node;

use super::{Located, Project, module_file, scan_module};
use crate::discover::read_text;

/// Stands, among the files a file runs, for any module (see [`Project::files_run_by`]).
const ANY_MODULE: &str = "";

impl Project {
    /// Whether a statement a sliced module does not need imports a project file that imports
    /// the module back (see [`Project::imports_back`]).
    pub(super) fn imported_back(
        &self,
        statement: Node,
        text: &str,
        path: &Path,
        index: usize,
    ) -> bool {
        let mut requests = Vec::new();
        let (mut includes, mut calls_exec) = (Vec::new(), false);
        scan_module(
            statement,
            text,
            &mut requests,
            &mut includes,
            &mut calls_exec,
        );
        requests.iter().any(|request| {
            let mut located = Vec::new();
            if let Located::File(Some(found)) = self.locate(path, &request.dotted, request.level) {
                // `from package import submodule` runs the submodule too.
                if found.file_name().is_some_and(|n| n == "__init__.py")
                    && let Some(dir) = found.parent()
                {
                    for (_, name) in &request.from_names {
                        located.extend(module_file(&self.index, dir, &[name.as_str()]));
                    }
                }
                located.push(found);
            }
            located.iter().any(|file| {
                self.by_file.get(&self.index.canonical(file)) != Some(&index)
                    && self.imports_back(file, index)
            })
        })
    }

    /// Whether running `imported` (a project file a sliced module imports in a statement its
    /// importers do not need) imports `module` back, directly or through other project files
    /// (a -> b -> c -> a): Python runs each whole, and the last may change the module's objects
    /// through its partly initialised namespace (a plugin registry filled by the modules it
    /// imports). Read from the text of their import lines, without parsing them. The files
    /// followed are bounded: past the bound the statement is taken to import the module back,
    /// which keeps it (slower, never wrong).
    fn imports_back(&self, imported: &Path, module: usize) -> bool {
        const MAX_FILES: usize = 4_000;
        let target = &self.sources.get(self.modules[module].file).path;
        let start = self.index.canonical(imported);
        if start == *target {
            return true;
        }
        let mut seen: HashSet<PathBuf> = HashSet::from([start.clone()]);
        let mut queue = vec![start];
        while let Some(file) = queue.pop() {
            for next in self.files_run_by(&file).iter() {
                if next == target || next.as_os_str() == ANY_MODULE {
                    return true;
                }
                if seen.insert(next.clone()) {
                    if seen.len() > MAX_FILES {
                        return true;
                    }
                    queue.push(next.clone());
                }
            }
        }
        false
    }

    /// The project files importing `file` runs through its import lines (each canonical):
    /// the module each line names, the packages above it, and the submodules `from package
    /// import name` names. A file that finds modules by name (`importlib.import_module`,
    /// `sys.modules[...]`, `__import__`) may reach any: it lists [`ANY_MODULE`]. Computed once
    /// per file.
    fn files_run_by(&self, file: &Path) -> Arc<Vec<PathBuf>> {
        if let Some(found) = self.import_lines_of.lock().unwrap().get(file) {
            return found.clone();
        }
        let mut found = Vec::new();
        if let Ok((text, _)) = read_text(file, &self.display_root) {
            if ["import_module", "sys.modules", "__import__"]
                .iter()
                .any(|by_name| text.contains(by_name))
            {
                found.push(PathBuf::from(ANY_MODULE));
            }
            for line in import_lines(&text) {
                self.files_of_line(file, &line, &mut found);
            }
        }
        let mut unique = HashSet::new();
        found.retain(|f| unique.insert(f.clone()));
        let found = Arc::new(found);
        self.import_lines_of
            .lock()
            .unwrap()
            .insert(file.to_path_buf(), found.clone());
        found
    }

    /// The project files one import line of `file` runs (see [`Project::files_run_by`]).
    fn files_of_line(&self, file: &Path, line: &str, found: &mut Vec<PathBuf>) {
        let mut push = |located: Located| {
            if let Located::File(Some(path)) = located {
                found.push(self.index.canonical(&path));
            }
        };
        if let Some(rest) = line.strip_prefix("from ") {
            let Some((from, names)) = rest.split_once(" import ") else {
                return;
            };
            let from = from.trim();
            let level = from.chars().take_while(|&c| c == '.').count();
            let dotted = &from[level..];
            if level == 0 {
                // The packages above the module run first.
                let parts: Vec<&str> = dotted.split('.').collect();
                for n in 1..parts.len() {
                    push(self.locate(file, &parts[..n].join("."), 0));
                }
            }
            let Located::File(Some(module)) = self.locate(file, dotted, level) else {
                return;
            };
            // `from package import module` runs the submodule.
            if module.ends_with("__init__.py")
                && let Some(dir) = module.parent()
            {
                let names = names.replace(['(', ')'], " ");
                for name in names.split(',').filter_map(|n| n.split_whitespace().next()) {
                    push(Located::File(module_file(&self.index, dir, &[name])));
                }
            }
            push(Located::File(Some(module)));
        } else if let Some(rest) = line.strip_prefix("import ") {
            for dotted in rest.split(',').filter_map(|n| n.split_whitespace().next()) {
                let parts: Vec<&str> = dotted.split('.').collect();
                for n in 1..=parts.len() {
                    push(self.locate(file, &parts[..n].join("."), 0));
                }
            }
        }
    }
}

/// The import statements of a file's text, each on one line with single spaces (parenthesised
/// names and backslash continuations joined), read without parsing; at most a bounded number.
fn import_lines(text: &str) -> Vec<String> {
    const MAX_IMPORT_LINES: usize = 10_000;
    let mut found = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        if !(line.starts_with("from ") || line.starts_with("import ")) {
            continue;
        }
        let mut statement = line.split('#').next().unwrap_or_default().to_string();
        // Joined up to a bounded number of lines: an unclosed parenthesis ends at the file's end.
        let mut joined = 0;
        while (statement.ends_with('\\')
            || statement.matches('(').count() > statement.matches(')').count())
            && joined < 1_000
            && let Some(next) = lines.next()
        {
            statement = statement.trim_end_matches('\\').to_string();
            statement.push(' ');
            statement.push_str(next.split('#').next().unwrap_or_default());
            joined += 1;
        }
        found.push(statement.split_whitespace().collect::<Vec<_>>().join(" "));
        if found.len() >= MAX_IMPORT_LINES {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::import_lines;

    #[test]
    fn import_lines_are_joined_and_stripped_of_comments() {
        let text = "\"\"\"Doc.\"\"\"\nfrom .conf import (\n    HOSTS,  # the list\n    LEVEL,\n)\nimport app.conf as conf, os\nx = 1  # from here import nothing\n    from . import plugins\nfrom app import \\\n    signals\n";
        assert_eq!(
            import_lines(text),
            [
                "from .conf import ( HOSTS, LEVEL, )",
                "import app.conf as conf, os",
                "from . import plugins",
                "from app import signals",
            ]
        );
    }
}
