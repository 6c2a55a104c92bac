//! `try`/`except` follows the exceptions djsafe tracks: which clause catches which exception,
//! and which clauses only raise again.

use tree_sitter::Node;

use crate::eval::{Exit, Frame, Run};

impl<'p> Run<'p> {
    pub(super) fn try_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let Some(body) = node.child_by_field_name("body") else {
            return Ok(());
        };
        let mut cursor = node.walk();
        let clauses: Vec<Node<'p>> = node.named_children(&mut cursor).collect();
        let handlers: Vec<Node<'p>> = clauses
            .iter()
            .copied()
            .filter(|c| c.kind() == "except_clause")
            .collect();
        frame.handled.push(
            handlers
                .iter()
                .map(|h| Handler {
                    types: self.handled_types(frame, *h),
                    raises: child_block(*h).is_some_and(only_raises),
                })
                .collect(),
        );
        let outer_maybe = self.maybe_raised.take();
        let outcome = self.block(frame, body);
        frame.handled.pop();
        let result = match outcome {
            Ok(()) => match clauses
                .iter()
                .find(|c| c.kind() == "else_clause")
                .and_then(|c| c.child_by_field_name("body"))
            {
                Some(else_body) => self.block(frame, else_body),
                None => Ok(()),
            },
            Err(Exit::Exception(name)) => {
                let handler = handlers
                    .iter()
                    .find(|h| catches(&self.handled_types(frame, **h), name));
                match handler.and_then(|h| child_block(*h)) {
                    Some(block) => {
                        self.raise_site = None;
                        // A bare `raise` in the clause raises `name` again.
                        self.handling.push(name);
                        let result = self.block(frame, block);
                        self.handling.pop();
                        result
                    }
                    None => Err(Exit::Exception(name)),
                }
            }
            Err(other) => Err(other),
        };
        // The exception caught may not have been raised: both the rest of the body and the
        // handler may have run, so what either assigns is unknown.
        // One it does not catch goes on to the `try` that does, with the doubt.
        if let Some(why) = std::mem::replace(&mut self.maybe_raised, outer_maybe) {
            if matches!(result, Err(Exit::Exception(_))) {
                self.maybe_raised.get_or_insert(why);
            } else {
                self.invalidate(frame, node, &why);
            }
        }
        if let Some(block) = clauses
            .iter()
            .find(|c| c.kind() == "finally_clause")
            .and_then(|c| child_block(*c))
        {
            self.block(frame, block)?;
        }
        result
    }

    /// The exception types an `except` clause names, as written (`""` for a bare `except:`).
    pub(super) fn handled_types(&self, frame: &Frame, clause: Node<'p>) -> String {
        let mut cursor = clause.walk();
        let value = clause
            .named_children(&mut cursor)
            .find(|n| n.kind() != "block" && n.kind() != "comment");
        value
            .map(|v| self.text(frame, v).to_string())
            .unwrap_or_default()
    }
}

/// One `except` clause of an enclosing `try` (or the exceptions a `contextlib.suppress` names).
#[derive(Clone, Debug)]
pub(in crate::eval) struct Handler {
    /// The exception types it names, as written (`""` for a bare `except:`).
    pub types: String,
    /// Its body always ends in `raise` (re-raising, or raising `ImproperlyConfigured`): the
    /// exception still ends the import, so the clause handles nothing.
    pub raises: bool,
}

/// Whether a block always ends in an exception: its last statement is `raise`. Such an
/// `except` clause catches nothing for good (`except KeyError: raise ImproperlyConfigured(...)`).
fn only_raises(block: Node) -> bool {
    let mut cursor = block.walk();
    block
        .named_children(&mut cursor)
        .filter(|n| n.kind() != "comment")
        .last()
        .is_some_and(|last| last.kind() == "raise_statement")
}

pub(super) fn child_block(node: Node) -> Option<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .find(|n| n.kind() == "block")
}

/// The exceptions djsafe raises, with the classes an `except` may name to catch them.
pub(super) fn ancestors(exception: &str) -> &'static [&'static str] {
    match exception {
        "ModuleNotFoundError" => &["ModuleNotFoundError", "ImportError"],
        "KeyError" => &["KeyError", "LookupError"],
        "ValueError" => &["ValueError"],
        "SyntaxError" => &["SyntaxError"],
        // `IOError` and `EnvironmentError` are names of OSError.
        "OSError" => &["OSError", "IOError", "EnvironmentError"],
        "FileNotFoundError" => &[
            "FileNotFoundError",
            "OSError",
            "IOError",
            "EnvironmentError",
        ],
        "IsADirectoryError" => &[
            "IsADirectoryError",
            "OSError",
            "IOError",
            "EnvironmentError",
        ],
        "UnicodeDecodeError" => &["UnicodeDecodeError", "UnicodeError", "ValueError"],
        "JSONDecodeError" => &["JSONDecodeError", "ValueError"],
        "TOMLDecodeError" => &["TOMLDecodeError", "ValueError"],
        _ => &[],
    }
}

/// Whether an `except` clause naming `types` catches `exception`.
pub(in crate::eval) fn catches(types: &str, exception: &str) -> bool {
    if types.is_empty() {
        return true;
    }
    let names: Vec<&str> = types
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    // The exception itself (`ImproperlyConfigured`, `UndefinedValueError`), its bases, and the
    // bases of every exception settings raise.
    std::iter::once(&exception)
        .chain(ancestors(exception))
        .chain(["Exception", "BaseException"].iter())
        .any(|a| names.contains(a))
}
