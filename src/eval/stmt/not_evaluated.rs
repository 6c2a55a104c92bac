//! Statements djsafe does not evaluate: every name they may assign, every object they may
//! change and every module-namespace write they may make becomes unknown, with the reason.

use tree_sitter::Node;

use super::targets::{collect_assigned_names, collect_nodes, is_name_use};
use crate::eval::value::Value;
use crate::eval::{Frame, Run};

impl<'p> Run<'p> {
    /// Every name a statement we do not evaluate may assign becomes `Unknown`.
    pub(super) fn invalidate(&mut self, frame: &mut Frame, node: Node<'p>, reason: &str) {
        let mut names = Vec::new();
        collect_assigned_names(
            node,
            self.project.sources.get(frame.file).text(),
            &mut names,
        );
        let site = self.span(frame, node);
        for name in names {
            let text = self.text(frame, name);
            // The statement may change the object the name holds (`X.append` in a loop): every
            // name holding it must see that its contents are unknown.
            if let Some(binding) = frame.ns.bindings.get(text).cloned() {
                let control = frame.control.clone();
                self.forget_contents(&binding.value, reason, &control);
            }
            self.bind(frame, text, Value::unknown(reason, site), site);
        }
        // Any object a name in it holds may be changed by it, directly or through another name
        // (`v = D.get(k)` then `v.append(...)`): those objects become unknown.
        let mut used = Vec::new();
        collect_nodes(node, &mut |n| is_name_use(n), &mut used);
        let mut values = Vec::new();
        for name in used {
            let text = self.text(frame, name);
            let binding = frame.ns.bindings.get(text).cloned().or_else(|| {
                frame
                    .globals
                    .as_ref()
                    .and_then(|g| g.bindings.get(text).cloned())
            });
            if let Some(binding) = binding {
                values.push(binding.value);
            }
        }
        if !values.is_empty() {
            let used_reason = format!(
                "used in a statement djsafe does not evaluate, which may change it ({reason})"
            );
            let control = frame.control.clone();
            self.forget_reachable(&values, &used_reason, &control);
        }
        self.invalidate_namespace_writes(frame, node, reason);
        let mut star = Vec::new();
        collect_nodes(node, &mut |n| n.kind() == "wildcard_import", &mut star);
        if !star.is_empty() {
            frame.ns.opaque = Some(reason.into());
        }
    }
}

impl<'p> Run<'p> {
    /// A statement not evaluated that writes the module namespace (`globals()[k] = v` or
    /// `globals().update(m)` in a loop over `os.environ`): any name may be rebound. Reading it
    /// (`globals().get(k)`) changes nothing.
    fn invalidate_namespace_writes(&mut self, frame: &mut Frame, node: Node<'p>, reason: &str) {
        let mut calls = Vec::new();
        collect_nodes(node, &mut |n| n.kind() == "call", &mut calls);
        let writes = calls.into_iter().find(|&call| {
            self.is_namespace_text(frame, call)
                && !call.parent().is_some_and(|parent| {
                    parent.kind() == "attribute"
                        && parent.child_by_field_name("attribute").is_some_and(|a| {
                            matches!(
                                self.text(frame, a),
                                "get" | "keys" | "items" | "values" | "copy" | "__contains__"
                            )
                        })
                })
        });
        self.alias_not_evaluated(frame, node, reason);
        if let Some(call) = writes {
            let why = format!(
                "`{}` at {}, in code djsafe does not evaluate ({reason})",
                self.text(frame, call),
                self.line(frame, call)
            );
            self.namespace_rebound(frame, &why);
        }
    }
}
