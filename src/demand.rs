//! What of a module its importers need (issue 11's "load modules on demand"). A settings module
//! runs whole; a module imported only through `from module import NAME` needs the top-level
//! statements that `NAME` depends on: those that mention it, then those that mention any name
//! these mention, and so on. The others are not evaluated, and their imports are not loaded: a
//! settings module that takes one name from an app whose `__init__.py` imports a thousand
//! modules loads the app's `__init__.py` and the module defining the name.
//!
//! The statements kept are a safe over-approximation of Python's data flow: any mention of a
//! name counts, whether it reads, binds or mutates it (`HOSTS.append(...)` after
//! `HOSTS = [...]`), anywhere inside the statement (function bodies included, so a function that
//! sets a global through `global` is kept with its calls). A module whose names cannot be told
//! from its text (a star import, `globals()`, `exec`, a module `__getattr__`) is needed whole, as
//! are statements that touch the process environment, which later imports may read.

use std::collections::BTreeSet;

use tree_sitter::Node;

/// What the importers of a module need from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Demand {
    All,
    Names(BTreeSet<String>),
}

impl Demand {
    /// `self` grown by `other`; whether it grew.
    pub fn extend(&mut self, other: &Demand) -> bool {
        match (&mut *self, other) {
            (Demand::All, _) => false,
            (_, Demand::All) => {
                *self = Demand::All;
                true
            }
            (Demand::Names(mine), Demand::Names(theirs)) => {
                let before = mine.len();
                mine.extend(theirs.iter().cloned());
                mine.len() != before
            }
        }
    }
}

/// Names whose use makes a module's bindings impossible to tell from its text.
const OPAQUE: &[&str] = &[
    "globals",
    "locals",
    "vars",
    "exec",
    "eval",
    "setattr",
    "__dict__",
    "__getattr__",
    "__builtins__",
    "sys",
    "importlib",
    "__import__",
];

/// Names of what changes the process environment, which modules imported later may read.
const ENVIRONMENT: &[&str] = &[
    "environ",
    "putenv",
    "setdefault",
    "load_dotenv",
    "read_env",
    "dotenv",
];

/// Which top-level statements of a module (its root's named children, by position) `demand`
/// needs; `None` when it needs them all.
pub fn kept_statements(root: Node, text: &str, demand: &Demand) -> Option<Vec<bool>> {
    let Demand::Names(demanded) = demand else {
        return None;
    };
    let mut cursor = root.walk();
    let statements: Vec<Node> = root.named_children(&mut cursor).collect();
    let mut mentions: Vec<BTreeSet<&str>> = Vec::with_capacity(statements.len());
    let mut kept: Vec<bool> = Vec::with_capacity(statements.len());
    for statement in &statements {
        let (mut names, mut attributes) = (BTreeSet::new(), BTreeSet::new());
        if !mentioned(*statement, text, &mut names, &mut attributes) {
            return None;
        }
        if names.iter().chain(&attributes).any(|n| OPAQUE.contains(n)) {
            return None;
        }
        kept.push(
            names
                .iter()
                .chain(&attributes)
                .any(|n| ENVIRONMENT.contains(n)),
        );
        mentions.push(names);
    }
    let mut needed: BTreeSet<&str> = demanded.iter().map(String::as_str).collect();
    for (index, names) in mentions.iter().enumerate() {
        if kept[index] {
            needed.extend(names.iter().copied());
        }
    }
    // To a fixed point: each round keeps at least one more statement or stops.
    loop {
        let mut grew = false;
        for (index, names) in mentions.iter().enumerate() {
            if !kept[index] && names.iter().any(|n| needed.contains(n)) {
                kept[index] = true;
                needed.extend(names.iter().copied());
                grew = true;
            }
        }
        if !grew {
            return Some(kept);
        }
    }
}

/// The names a statement mentions (identifiers, but not the attribute of `x.attr`, the name of a
/// keyword argument or the module of `from module import name`, which name no variable of the
/// module; attributes go to `attributes`). `false` when the statement
/// makes the module's names impossible to tell (a star import).
fn mentioned<'t>(
    node: Node,
    text: &'t str,
    names: &mut BTreeSet<&'t str>,
    attributes: &mut BTreeSet<&'t str>,
) -> bool {
    let mut cursor = node.walk();
    loop {
        let current = cursor.node();
        match current.kind() {
            "wildcard_import" => return false,
            // The module `from a.b import c` imports from is no name of this module.
            _ if cursor.field_name() == Some("module_name") => {}
            "identifier" => {
                let field = cursor.field_name();
                let parent = current.parent().map(|p| p.kind());
                let is_attribute = parent == Some("attribute") && field == Some("attribute");
                let is_keyword = parent == Some("keyword_argument") && field == Some("name");
                let name = &text[current.byte_range()];
                if is_attribute {
                    attributes.insert(name);
                } else if !is_keyword {
                    names.insert(name);
                }
            }
            _ => {
                if cursor.goto_first_child() {
                    continue;
                }
            }
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(source: &str, names: &[&str]) -> Option<Vec<bool>> {
        let mut parser = crate::parse::python_parser();
        let (tree, _) = crate::parse::parse_python(&mut parser, source).unwrap();
        let demand = Demand::Names(names.iter().map(|n| n.to_string()).collect());
        kept_statements(tree.root_node(), source, &demand)
    }

    #[test]
    fn a_name_needs_what_it_mentions_and_what_mentions_it() {
        let source = "\
from . import section_00
from .conf import HOSTS
EXTRA = ['b']
HOSTS.append(EXTRA[0])
OTHER = 1
def unused():
    import heavy
";
        assert_eq!(
            kept(source, &["HOSTS"]),
            Some(vec![false, true, true, true, false, false])
        );
        // `from .section_03.m50 import EXTRA` does not mention `section_03`.
        assert_eq!(
            kept(
                "from . import section_03\nfrom .section_03.m50 import EXTRA\nHOSTS = EXTRA\n",
                &["HOSTS"]
            ),
            Some(vec![false, true, true])
        );
        assert_eq!(
            kept(source, &["OTHER"]),
            Some(vec![false, false, false, false, true, false])
        );
    }

    #[test]
    fn functions_setting_globals_are_kept_with_their_calls() {
        let source = "X = 1\ndef setup():\n    global X\n    X = 2\nsetup()\n";
        assert_eq!(kept(source, &["X"]), Some(vec![true, true, true]));
    }

    #[test]
    fn opaque_modules_and_the_environment_are_needed() {
        assert_eq!(kept("from .base import *\nX = 1\n", &["X"]), None);
        assert_eq!(kept("globals()['X'] = 1\n", &["X"]), None);
        assert_eq!(
            kept(
                "import os\nos.environ.setdefault('A', 'b')\nX = 1\n",
                &["X"]
            ),
            Some(vec![true, true, true])
        );
    }
}
