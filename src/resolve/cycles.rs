//! Import cycles a sliced module does not show (see [`crate::demand`]): a statement its
//! importers do not need may import a file that imports the module back and changes its objects
//! through the partly initialised module (a plugin registry filled by the modules it imports).
//! Python runs that statement, so the slice keeps it. Told from the imported file's import lines,
//! read without parsing it, so a slice still loads only what its names need.

use std::path::Path;

use tree_sitter::Node;

use super::{Located, Project, module_file, scan_module};
use crate::discover::read_text;

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
    /// importers do not need) imports `module` back: Python runs the whole file, which may
    /// then change the module's objects through its partly initialised namespace (a plugin
    /// registry filled by the modules it imports). Read from the text of its import lines,
    /// without parsing it. Cycles through a third module are not seen.
    fn imports_back(&self, imported: &Path, module: usize) -> bool {
        let Ok((text, _)) = read_text(imported, &self.display_root) else {
            return false;
        };
        let target = &self.sources.get(self.modules[module].file).path;
        let is_module = |found: Option<&Path>| {
            found.is_some_and(|found| self.index.canonical(found) == *target)
        };
        import_lines(&text).iter().any(|line| {
            if let Some(rest) = line.strip_prefix("from ") {
                let Some((from, names)) = rest.split_once(" import ") else {
                    return false;
                };
                let from = from.trim();
                let level = from.chars().take_while(|&c| c == '.').count();
                let Located::File(Some(found)) = self.locate(imported, &from[level..], level)
                else {
                    return false;
                };
                if is_module(Some(&found)) {
                    return true;
                }
                // `from package import module`.
                let dir = found.parent().filter(|_| found.ends_with("__init__.py"));
                let names = names.replace(['(', ')'], " ");
                dir.is_some_and(|dir| {
                    names
                        .split(',')
                        .filter_map(|n| n.split_whitespace().next())
                        .any(|n| is_module(module_file(&self.index, dir, &[n]).as_deref()))
                })
            } else if let Some(rest) = line.strip_prefix("import ") {
                rest.split(',')
                    .filter_map(|n| n.split_whitespace().next())
                    .any(|dotted| {
                        let parts: Vec<&str> = dotted.split('.').collect();
                        (1..=parts.len()).any(|n| {
                            matches!(
                                self.locate(imported, &parts[..n].join("."), 0),
                                Located::File(found) if is_module(found.as_deref())
                            )
                        })
                    })
            } else {
                false
            }
        })
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
