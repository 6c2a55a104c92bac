//! `with` binds its targets (a known file object, or unknown); `with contextlib.suppress(...)`
//! catches the exceptions it names, as an `except` clause would.

use tree_sitter::Node;

use super::exceptions::{Handler, catches};
use super::targets::collect_nodes;
use crate::eval::value::{Kind, Value};
use crate::eval::{Exit, Frame, Run};

impl<'p> Run<'p> {
    pub(super) fn invalidate_with_targets(&mut self, frame: &mut Frame, node: Node<'p>) {
        let mut targets = Vec::new();
        collect_nodes(node, &mut |n| n.kind() == "as_pattern_target", &mut targets);
        let site = self.span(frame, node);
        for target in targets {
            let reason = format!("bound by `with` at {}", self.line(frame, node));
            if let Some(name) = target.named_child(0).filter(|n| n.kind() == "identifier") {
                self.bind(
                    frame,
                    self.text(frame, name),
                    Value::unknown(reason, site),
                    site,
                );
            }
        }
    }

    /// `with ...: body`. A `contextlib.suppress(E, ...)` among the managers catches the
    /// exceptions it names as `try: ... except (E, ...): pass` would: raised by a later manager
    /// or in the body, they end the statement and execution goes on after it.
    pub(super) fn with_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        self.invalidate_with_targets(frame, node);
        let enclosing = frame.handled.len();
        let result =
            self.with_items(frame, node)
                .and_then(|()| match node.child_by_field_name("body") {
                    Some(body) => self.block(frame, body),
                    None => Ok(()),
                });
        let suppressed: Vec<String> = frame
            .handled
            .drain(enclosing..)
            .flatten()
            .map(|clause| clause.types)
            .collect();
        match result {
            Err(Exit::Exception(name)) if suppressed.iter().any(|t| catches(t, name)) => {
                self.raise_site = None;
                Ok(())
            }
            other => other,
        }
    }

    /// The exception types `contextlib.suppress(...)` names, as written and joined like an
    /// `except (A, B)` clause's; `None` when `expression` is not such a call or names none
    /// (`suppress()` suppresses nothing).
    fn suppressed_types(&mut self, frame: &mut Frame, expression: Node<'p>) -> Option<String> {
        let function = expression.child_by_field_name("function").filter(|f| {
            expression.kind() == "call" && matches!(f.kind(), "identifier" | "attribute")
        })?;
        let callee = self.expr(frame, function);
        if !matches!(&callee.kind, Kind::External(path) if &**path == "contextlib.suppress") {
            return None;
        }
        let arguments = expression.child_by_field_name("arguments")?;
        let mut cursor = arguments.walk();
        let types: Vec<&str> = arguments
            .named_children(&mut cursor)
            .filter(|a| a.kind() != "comment" && a.kind() != "keyword_argument")
            .map(|a| self.text(frame, a))
            .collect();
        (!types.is_empty()).then(|| types.join(", "))
    }

    /// The context managers of a `with` statement, evaluated in order: an exception they raise
    /// (`open()` of a missing file) skips the body; `as f` binds an opened file (its
    /// `__enter__` returns it). Other targets stay unknown ([`Self::invalidate_with_targets`]).
    /// A `suppress(...)` manager pushes the exceptions it catches on `frame.handled`, for
    /// [`Self::with_statement`] to pop.
    pub(super) fn with_items(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let mut items = Vec::new();
        collect_nodes(node, &mut |n| n.kind() == "with_item", &mut items);
        for item in items {
            let Some(value) = item.child_by_field_name("value") else {
                continue;
            };
            let (expression, target) = match value.kind() {
                "as_pattern" => (
                    value.named_child(0),
                    value
                        .child_by_field_name("alias")
                        .and_then(|alias| alias.named_child(0))
                        .filter(|name| name.kind() == "identifier"),
                ),
                _ => (Some(value), None),
            };
            let Some(expression) = expression else {
                continue;
            };
            if let Some(types) = self.suppressed_types(frame, expression) {
                frame.handled.push(vec![Handler {
                    types,
                    raises: false,
                }]);
                continue;
            }
            let manager = self.expr(frame, expression);
            if let Some(exception) = self.raised.take() {
                return Err(Exit::Exception(exception));
            }
            if let Some(target) = target
                && crate::eval::files::is_file(&manager)
            {
                let site = self.span(frame, target);
                self.bind(frame, self.text(frame, target), manager, site);
            }
        }
        Ok(())
    }
}
