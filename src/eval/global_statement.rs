//! `global` in a project function: the names it declares are its module's for the whole body.
//! While the function runs they live in its frame, so branches, loops and nested calls treat
//! them as any other name; when it returns, those it rebound are written to the module through
//! the same path as `globals()[name] = value` (see `call::GlobalWrite`).

use std::rc::Rc;

use tree_sitter::Node;

use super::call::GlobalWrite;
use super::value::Value;
use super::{Binding, Exit, Frame, Run};
use crate::source::Span;

impl<'p> Run<'p> {
    /// When a call ends, the names its `global` statements declare and it rebound, as writes to
    /// its module. Names it did not touch are left as they are (a `.append` changed the object
    /// the module already holds). A call not followed to its end may have rebound any name it
    /// assigns: those are unknown.
    pub(super) fn write_back_globals(
        &mut self,
        frame: &Frame,
        declared: &[(Rc<str>, Option<Binding>)],
        exit: &Result<(), Exit>,
        body: Node<'p>,
        call: &str,
        span: Span,
    ) {
        if declared.is_empty() {
            return;
        }
        let assigned = match exit {
            Err(Exit::GaveUp(_)) => {
                let text = &self.project.sources.get(frame.file).text();
                super::stmt::changed_names(body, text)
            }
            _ => Vec::new(),
        };
        for (name, before) in declared {
            let (value, site) = if matches!(exit, Err(Exit::GaveUp(_))) {
                if !assigned.iter().any(|a| **a == **name) {
                    continue;
                }
                let reason =
                    format!("may be rebound by {call}, which djsafe did not follow to its end");
                (Value::unknown(reason, span), span)
            } else {
                match (frame.ns.bindings.get(name), before) {
                    (Some(now), Some(before))
                        if now.site == before.site
                            && now.value.origin == before.value.origin
                            && now.value.same(&before.value) =>
                    {
                        continue;
                    }
                    (Some(now), _) => (now.value.clone(), now.site),
                    (None, None) => continue,
                    (None, Some(_)) => (
                        Value::unknown(format!("deleted by `del` in {call}"), span),
                        span,
                    ),
                }
            };
            self.global_writes.push(GlobalWrite {
                module: frame.module,
                name: name.clone(),
                value,
                site,
                conditional: false,
            });
        }
    }
}
