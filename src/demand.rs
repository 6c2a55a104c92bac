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
//!
//! A statement may also change objects other modules hold: `APPS.append('x')` or
//! `conf.HOSTS += [...]` where `APPS` and `conf` were imported (or are names computed from
//! imported ones: `hosts = conf.HOSTS`, a function mentioning them). Python runs the whole
//! module, so the change lands in the list the other module's importers read: such statements
//! (those that call, assign to an item or attribute, augment or delete, and mention a name that
//! may hold another module's object) are kept whatever their importers need.

use crate::syntax::{Field, NodeQueries};
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
    let mut mutates: Vec<bool> = Vec::with_capacity(statements.len());
    // Names that may hold another module's objects: those imports bind, then (to a fixed point
    // below) every name a statement mentioning one of them mentions.
    let mut foreign: BTreeSet<&str> = BTreeSet::new();
    for statement in &statements {
        let mut found = Mentions::default();
        if !mentioned(*statement, text, &mut found) {
            return None;
        }
        let Mentions {
            names,
            attributes,
            imported,
            mut changes,
        } = found;
        if names.iter().chain(&attributes).any(|n| OPAQUE.contains(n)) {
            return None;
        }
        kept.push(
            names
                .iter()
                .chain(&attributes)
                .any(|n| ENVIRONMENT.contains(n)),
        );
        // Defining a function runs none of its body: its calls are what may change objects.
        if statement.kind_name() == "function_definition" {
            changes = false;
        }
        mutates.push(changes);
        foreign.extend(imported);
        mentions.push(names);
    }
    // To a fixed point: each round adds at least one name or stops.
    loop {
        let before = foreign.len();
        for names in &mentions {
            if names.iter().any(|n| foreign.contains(n)) {
                foreign.extend(names.iter().copied());
            }
        }
        if foreign.len() == before {
            break;
        }
    }
    for (index, names) in mentions.iter().enumerate() {
        if mutates[index] && names.iter().any(|n| foreign.contains(n)) {
            kept[index] = true;
        }
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

/// What a statement mentions: see [`mentioned`].
#[derive(Default)]
struct Mentions<'t> {
    names: BTreeSet<&'t str>,
    attributes: BTreeSet<&'t str>,
    /// Names its imports bind.
    imported: BTreeSet<&'t str>,
    /// Whether it calls (a decorator too), augments, deletes or assigns to an item or
    /// attribute: what may change an object.
    changes: bool,
}

/// The names a statement mentions (identifiers, but not the attribute of `x.attr`, the name of a
/// keyword argument or the module of `from module import name`, which name no variable of the
/// module; attributes go to `attributes`). `false` when the statement
/// makes the module's names impossible to tell (a star import).
fn mentioned<'t>(node: Node, text: &'t str, found: &mut Mentions<'t>) -> bool {
    let mut cursor = node.walk();
    loop {
        let current = cursor.node();
        match current.kind_name() {
            "wildcard_import" => return false,
            "import_statement" | "import_from_statement" => {
                import_bound(current, text, &mut found.imported)
            }
            "call" | "decorator" | "augmented_assignment" | "delete_statement" => {
                found.changes = true
            }
            "assignment"
                if current
                    .field(Field::Left)
                    .is_some_and(|left| !is_plain_target(left)) =>
            {
                found.changes = true;
            }
            _ => {}
        }
        match current.kind_name() {
            // The module `from a.b import c` imports from is no name of this module.
            _ if cursor.field_name() == Some("module_name") => {}
            "identifier" => {
                let field = cursor.field_name();
                let parent = current.parent().map(|p| p.kind_name());
                let is_attribute = parent == Some("attribute") && field == Some("attribute");
                let is_keyword = parent == Some("keyword_argument") && field == Some("name");
                let name = &text[current.byte_range()];
                if is_attribute {
                    found.attributes.insert(name);
                } else if !is_keyword {
                    found.names.insert(name);
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

/// Whether an assignment target only binds names (`a`, `a, (b, c)`), changing no object.
fn is_plain_target(target: Node) -> bool {
    match target.kind_name() {
        "identifier" => true,
        "pattern_list"
        | "tuple_pattern"
        | "list_pattern"
        | "tuple"
        | "list"
        | "expression_list"
        | "parenthesized_expression"
        | "list_splat_pattern" => {
            let mut cursor = target.walk();
            target
                .named_children(&mut cursor)
                .filter(|c| c.kind_name() != "comment")
                .all(is_plain_target)
        }
        _ => false,
    }
}

/// The names an import statement binds: `b` for `import a.b as b` and `from a import c as b`,
/// `a` for `import a.b`.
fn import_bound<'t>(node: Node, text: &'t str, out: &mut BTreeSet<&'t str>) {
    let mut cursor = node.walk();
    for name in node.children_by_field_name("name", &mut cursor) {
        let bound = match name.kind_name() {
            "aliased_import" => name.field(Field::Alias),
            _ if node.kind_name() == "import_statement" => name.named_child(0),
            _ => Some(name),
        };
        if let Some(bound) = bound {
            out.insert(&text[bound.byte_range()]);
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
        // `HOSTS` is another module's list: appending to it is kept whatever is needed.
        assert_eq!(
            kept(source, &["OTHER"]),
            Some(vec![false, true, true, true, true, false])
        );
    }

    #[test]
    fn functions_setting_globals_are_kept_with_their_calls() {
        let source = "X = 1\ndef setup():\n    global X\n    X = 2\nsetup()\n";
        assert_eq!(kept(source, &["X"]), Some(vec![true, true, true]));
    }

    #[test]
    fn changes_to_other_modules_objects_are_kept() {
        // `APPS` is another module's list: appending to it changes what that module's importers
        // read, whichever name this module's importers need.
        let source = "\
from .owner import APPS
import shop.conf as conf
VALUE = 1
APPS.append('x')
hosts = conf.HOSTS
hosts += ['y']
def add(item):
    APPS.append(item)
add('z')
conf.NAMES = ['changed']
from .other import EXTRA
COPY = EXTRA + ['w']
";
        // Reading another module's list (`EXTRA + [...]`) changes nothing.
        assert_eq!(
            kept(source, &["VALUE"]),
            Some(vec![
                true, true, true, true, true, true, true, true, true, false, false
            ])
        );
        // Binding names changes no object, and a module's own list is its own business.
        assert_eq!(
            kept("HOSTS = ['a']\nHOSTS.append('b')\nX = 1\n", &["X"]),
            Some(vec![false, false, true])
        );
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
