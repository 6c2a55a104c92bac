//! Assignments: `=` (chained, unpacking, subscript and attribute targets) and `+=`, and the
//! bindings they make in the frame's namespace.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use crate::eval::value::{Args, Kind, Value};
use crate::eval::{Frame, Run};
use crate::source::Span;

impl<'p> Run<'p> {
    pub(super) fn assignment(&mut self, frame: &mut Frame, node: Node<'p>) {
        // `a = b = value` nests: collect the targets, evaluate the innermost value once.
        let site = self.span(frame, node);
        let mut targets = Vec::new();
        let mut current = node;
        loop {
            if let Some(left) = current.field(Field::Left) {
                targets.push(left);
            }
            match current.field(Field::Right) {
                Some(right) if right.kind_name() == "assignment" => current = right,
                Some(right) => {
                    let value = self.expr(frame, right);
                    // The value raised an exception an enclosing `try` or `suppress` catches
                    // (`open()` of a file the checkout lacks): Python assigns nothing, and the
                    // names keep what they held. An uncaught one still binds the unknown value
                    // with its reason, since evaluation goes on past it (see `Run::module`).
                    if self
                        .raised
                        .is_some_and(|exception| frame.handles(exception))
                    {
                        return;
                    }
                    for target in targets {
                        self.assign(frame, target, value.clone(), site);
                    }
                    return;
                }
                // An annotation without a value binds nothing.
                None => return,
            }
        }
    }

    pub(in crate::eval) fn assign(
        &mut self,
        frame: &mut Frame,
        target: Node<'p>,
        value: Value,
        site: Span,
    ) {
        match target.kind_name() {
            "identifier" => self.bind(frame, self.text(frame, target), value, site),
            "pattern_list" | "tuple_pattern" | "list_pattern" | "tuple" | "list"
            | "expression_list" => {
                let targets = crate::eval::code_children(target);
                let items = value.items().filter(|items| {
                    items.len() == targets.len()
                        && !targets
                            .iter()
                            .any(|t| t.kind_name() == "list_splat_pattern")
                });
                match items {
                    Some(items) => {
                        for (t, item) in targets.into_iter().zip(items) {
                            self.assign(frame, t, item.with_env(&value.env), site);
                        }
                    }
                    None => {
                        let reason = format!(
                            "unpacked from `{}`, which djsafe cannot split into items",
                            self.text(
                                frame,
                                target
                                    .parent()
                                    .and_then(|p| p.field(Field::Right))
                                    .unwrap_or(target)
                            )
                        );
                        // The items go to names djsafe leaves unknown (`first, *rest = X`):
                        // a change made through them would be lost.
                        let control = frame.control.clone();
                        self.forget_items(&value, &reason, &control);
                        for t in targets {
                            let unknown =
                                Value::unknown(reason.clone(), value.origin).with_env(&value.env);
                            self.assign(frame, t, unknown, site);
                        }
                    }
                }
            }
            "parenthesized_expression" => {
                if let Some(inner) = target.named_child(0) {
                    self.assign(frame, inner, value, site);
                }
            }
            "subscript" => self.assign_subscript(frame, target, value, site),
            // `conf.HOSTS = [...]`: the module's name, which later readers of it see.
            "attribute"
                if let (Some(object), Some(attribute)) =
                    (target.field(Field::Object), target.field(Field::Attribute)) =>
            {
                let holder = self.expr(frame, object);
                if let Kind::Module(module) = holder.kind {
                    let name = self.text(frame, attribute);
                    self.write_module_attribute(frame, module, name, value, site);
                    return;
                }
                // `mod.DEBUG = True` through a module djsafe cannot identify.
                self.through_unidentified(frame, &holder);
                // `Conf.LEVEL = 'DEBUG'` (a class decorator, a classmethod): the class's
                // attribute, which its subclasses see too. Under a condition djsafe cannot
                // decide, it may or may not have been set.
                if let Kind::Class(class) = &holder.kind {
                    let name = self.text(frame, attribute);
                    let value = if self.forks > 0 && !value.is_unknown() {
                        Value::unknown(
                            format!(
                                "`{}` may be set at {}, under a condition djsafe cannot decide",
                                self.text(frame, target),
                                self.line(frame, target)
                            ),
                            site,
                        )
                        .with_env(&value.env)
                    } else {
                        value.clone()
                    };
                    class.set_attribute(name, value.with_env(&frame.control));
                    return;
                }
                let reason = format!(
                    "stored in `{}` at {}, which djsafe does not follow",
                    self.text(frame, target),
                    self.line(frame, target)
                );
                let control = frame.control.clone();
                self.forget_reachable(&[value], &reason, &control);
            }
            // Attributes of objects (`sys.path`, `logging.x`) are not settings; what is stored
            // there is held where djsafe does not follow it.
            _ => {
                let reason = format!(
                    "stored in `{}` at {}, which djsafe does not follow",
                    self.text(frame, target),
                    self.line(frame, target)
                );
                let control = frame.control.clone();
                self.forget_reachable(&[value], &reason, &control);
            }
        }
    }

    pub(super) fn assign_subscript(
        &mut self,
        frame: &mut Frame,
        target: Node<'p>,
        value: Value,
        site: Span,
    ) {
        let Some(object) = target.field(Field::Value) else {
            return;
        };
        let Some(key_node) = target.field(Field::Subscript) else {
            return;
        };
        let key = self.expr(frame, key_node);
        // `globals()[name] = value` binds a module name.
        if let Some(module) = self.namespace_target(frame, object) {
            match key.as_str() {
                Some(name) => self.write_global_in(frame, module, name, value, site),
                None => {
                    let what = format!(
                        "`{}` at {}, whose name djsafe cannot read",
                        self.text(frame, target),
                        self.line(frame, target)
                    );
                    self.namespace_rebound_in(frame, module, &what);
                }
            }
            return;
        }
        let container = self.expr(frame, object);
        // `mod.HOSTS[0] = ...` through a module djsafe cannot identify.
        self.through_unidentified(frame, &container);
        if let Kind::External(path) = &container.kind {
            if &**path == crate::eval::os_environ::ENVIRON_COPY {
                self.write_environ_copy(site);
            }
            if &**path == "os.environ"
                && let Some(name) = key.as_str()
            {
                self.set_env(name.to_string(), value.as_str().map(str::to_string));
                self.env_writes.push(crate::eval::EnvWrite {
                    var: name.into(),
                    value: value.with_env(&frame.control),
                    span: site,
                });
            }
            return;
        }
        self.set_item(frame, &container, &key, value, self.span(frame, target));
    }

    pub(super) fn augmented_assignment(&mut self, frame: &mut Frame, node: Node<'p>) {
        let (Some(left), Some(right), Some(op)) = (
            node.field(Field::Left),
            node.field(Field::Right),
            node.field(Field::Operator),
        ) else {
            return;
        };
        let current = self.expr(frame, left);
        let operand = self.expr(frame, right);
        if self
            .raised
            .is_some_and(|exception| frame.handles(exception))
        {
            return;
        }
        let op = self.text(frame, op).trim_end_matches('=');
        let span = self.span(frame, node);
        // `list += items` and `dict |= other` change the object in place: every name holding
        // it sees the change.
        let in_place = match (&current.kind, op) {
            (Kind::List(_), "+") => Some("extend"),
            (Kind::Dict(_), "|") | (Kind::Set(_), "|") => Some("update"),
            (Kind::Set(_), "-") => Some("difference_update"),
            (Kind::Set(_), "&") => Some("intersection_update"),
            (Kind::Set(_), "^") => Some("symmetric_difference_update"),
            (Kind::List(_), "*") => Some("__imul__"),
            _ => None,
        };
        if let Some(method) = in_place {
            let args = Args {
                positional: vec![operand],
                keywords: Vec::new(),
            };
            self.mutate(frame, &current, method, &args, span);
            self.assign(frame, left, current, span);
            return;
        }
        let value = crate::eval::ops::binary(op, &current, &operand, span, true);
        if value.is_unknown() {
            self.forget_operands(frame, node, [&current, &operand]);
        }
        self.assign(frame, left, value, span);
    }
}
