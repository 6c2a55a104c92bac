//! List, set, dict and generator comprehensions over sequences djsafe can list.

use crate::syntax::{Field, NodeQueries};
use std::rc::Rc;

use tree_sitter::Node;

use crate::eval::ops;
use crate::eval::value::{Kind, Object, Value, union};
use crate::eval::{Frame, Run};

impl<'p> Run<'p> {
    /// `[body for x in items if cond]` and its set, dict and generator forms (a generator is
    /// evaluated to a list: settings consume it right away). The loop names do not leak.
    pub(super) fn comprehension(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let Some(body) = node.field(Field::Body) else {
            return Value::unknown("incomplete comprehension", span);
        };
        let mut cursor = node.walk();
        let clauses: Vec<Node<'p>> = node
            .named_children(&mut cursor)
            .filter(|c| matches!(c.kind_name(), "for_in_clause" | "if_clause"))
            .collect();
        let mut targets = Vec::new();
        for clause in clauses.iter().filter(|c| c.kind_name() == "for_in_clause") {
            if let Some(left) = clause.field(Field::Left) {
                crate::eval::stmt::collect_identifiers(left, &mut targets);
            }
        }
        let saved: Vec<(Rc<str>, Option<crate::eval::Binding>)> = targets
            .iter()
            .map(|t| {
                let name: Rc<str> = self.text(frame, *t).into();
                let before = frame.ns.bindings.get(&name).cloned();
                (name, before)
            })
            .collect();
        let mut items = Vec::new();
        let mut env = crate::eval::value::EnvDeps::default();
        let outcome = self.comprehension_clauses(frame, &clauses, body, &mut items, &mut env);
        for (name, before) in saved {
            match before {
                Some(binding) => frame.ns.bindings.insert(name, binding),
                None => frame.ns.bindings.remove(&name),
            };
        }
        if let Err(reason) = outcome {
            // What it would hold, and any object a name in it holds (its body may change them:
            // `[APPS.append(x) for x in ...]`), go where djsafe does not follow them.
            let mut used = Vec::new();
            crate::eval::stmt::collect_name_uses(node, &mut used);
            let mut values = items;
            for name in used {
                let text = self.text(frame, name);
                let binding = frame.ns.bindings.get(text).cloned().or_else(|| {
                    frame
                        .globals
                        .as_ref()
                        .and_then(|g| g.bindings.get(text).cloned())
                });
                values.extend(binding.map(|b| b.value));
            }
            let control = frame.control.clone();
            let why = format!(
                "may be changed through `{}` at {}, which djsafe cannot evaluate ({reason})",
                self.text(frame, node),
                self.line(frame, node)
            );
            self.forget_reachable(&values, &why, &control);
            return Value::unknown(reason, span).with_env(&env);
        }
        let unhashable = match node.kind() {
            "set_comprehension" => items.iter().any(ops::is_unhashable),
            "dictionary_comprehension" => items.iter().any(|item| {
                item.items()
                    .is_some_and(|kv| kv.first().is_some_and(ops::is_unhashable))
            }),
            _ => false,
        };
        if unhashable {
            return self.unhashable(frame, span).with_env(&env);
        }
        let kind = match node.kind() {
            "set_comprehension" => Kind::Set(Object::new(ops::set_items(items))),
            "dictionary_comprehension" => {
                let mut pairs = Vec::new();
                for item in items {
                    if let Some([k, v]) = item.items().as_deref() {
                        ops::dict_insert(&mut pairs, k.clone(), v.clone());
                    }
                }
                Kind::Dict(Object::new(pairs))
            }
            _ => Kind::List(Object::new(items)),
        };
        Value::new(kind, span).with_env(&env)
    }

    pub(super) fn comprehension_clauses(
        &mut self,
        frame: &mut Frame,
        clauses: &[Node<'p>],
        body: Node<'p>,
        out: &mut Vec<Value>,
        env: &mut crate::eval::value::EnvDeps,
    ) -> Result<(), String> {
        let Some((clause, rest)) = clauses.split_first() else {
            let item = if body.kind_name() == "pair" {
                let (Some(k), Some(v)) = (body.field(Field::Key), body.field(Field::Value)) else {
                    return Err("incomplete dict comprehension".into());
                };
                let (key, value) = (self.expr(frame, k), self.expr(frame, v));
                Value::new(Kind::tuple(vec![key, value]), self.span(frame, body))
            } else {
                self.expr(frame, body)
            };
            out.push(item);
            return Ok(());
        };
        if clause.kind_name() == "if_clause" {
            let Some(condition) = clause.named_child(0) else {
                return Ok(());
            };
            let test = self.expr(frame, condition);
            *env = union(env, &test.env);
            return match test.truthy() {
                Some(true) => self.comprehension_clauses(frame, rest, body, out, env),
                Some(false) => Ok(()),
                None => Err(format!(
                    "the filter `{}` cannot be decided",
                    self.text(frame, condition)
                )),
            };
        }
        let (Some(left), Some(right)) = (clause.field(Field::Left), clause.field(Field::Right))
        else {
            return Err("incomplete comprehension".into());
        };
        let iterable = self.expr(frame, right);
        *env = union(env, &iterable.env);
        let Some(items) = ops::iterate(&iterable)
            .filter(|items| items.len() <= crate::eval::stmt::MAX_UNROLLED_ITERATIONS)
        else {
            // `[m.setup() for m in sys.modules.values()]` may change any module.
            self.loop_over_modules(frame, &iterable);
            return Err(format!(
                "cannot list the items of `{}`",
                self.text(frame, right)
            ));
        };
        let site = self.span(frame, *clause);
        for item in items {
            self.assign(frame, left, item.with_env(&iterable.env), site);
            self.comprehension_clauses(frame, rest, body, out, env)?;
        }
        Ok(())
    }
}
