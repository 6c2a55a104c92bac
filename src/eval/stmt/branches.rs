//! `if` on conditions djsafe cannot decide runs both branches and joins their namespaces; a
//! name an arm not taken would have bound depends on the condition that skipped it.

use tree_sitter::Node;

use super::targets::collect_assigned_names;
use crate::eval::escape::forget_objects_of;
use crate::eval::value::{EnvDeps, Value, union};
use crate::eval::{Binding, Exit, Frame, Namespace, Run};
use crate::source::Span;

impl<'p> Run<'p> {
    pub(super) fn if_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let mut arms = Vec::new();
        if let Some(body) = node.child_by_field_name("consequence") {
            arms.push((node.child_by_field_name("condition"), body));
        }
        let mut cursor = node.walk();
        for alternative in node.children_by_field_name("alternative", &mut cursor) {
            match alternative.kind() {
                "elif_clause" => {
                    if let Some(body) = alternative.child_by_field_name("consequence") {
                        arms.push((alternative.child_by_field_name("condition"), body));
                    }
                }
                _ => {
                    if let Some(body) = alternative.child_by_field_name("body") {
                        arms.push((None, body));
                    }
                }
            }
        }
        self.arms(frame, &arms)
    }

    /// The first arm whose condition holds runs. When a condition is unknown, both the arm and
    /// the rest of the chain run on copies of the namespace, and names they disagree on become
    /// `Unknown`.
    pub(super) fn arms(
        &mut self,
        frame: &mut Frame,
        arms: &[(Option<Node<'p>>, Node<'p>)],
    ) -> Result<(), Exit> {
        let Some(((condition, body), rest)) = arms.split_first() else {
            return Ok(());
        };
        let Some(condition) = condition else {
            return self.block(frame, *body);
        };
        let test = self.expr(frame, *condition);
        if self.call_depth > 0 {
            self.call_conditions = union(&self.call_conditions, &test.env);
        }
        let saved = frame.control.clone();
        frame.control = union(&frame.control, &test.env);
        let result = match test.truthy() {
            Some(true) => {
                let result = self.block(frame, *body);
                let skipped: Vec<Node<'p>> = rest.iter().map(|(_, body)| *body).collect();
                self.depend_on_skipped(frame, &skipped, &test.env);
                result
            }
            Some(false) => {
                let result = self.arms(frame, rest);
                self.depend_on_skipped(frame, &[*body], &test.env);
                result
            }
            None => {
                let before = frame.ns.clone();
                let mut fork = self.fork();
                let taken_exit = self.block(frame, *body);
                let taken = std::mem::replace(&mut frame.ns, before);
                self.other_side(&mut fork);
                let other_exit = self.arms(frame, rest);
                let reason = format!(
                    "depends on the condition `{}` at {}, which djsafe cannot decide ({})",
                    self.text(frame, *condition),
                    self.line(frame, *condition),
                    test.unknown_reason().as_deref().unwrap_or("unknown value")
                );
                self.join_objects(fork, &reason, &frame.control);
                let origin = self.span(frame, *condition);
                frame.ns = join(
                    taken,
                    std::mem::take(&mut frame.ns),
                    &reason,
                    origin,
                    &frame.control,
                );
                // A function that returns on only one of the paths returns something unknown;
                // what either path returns may be changed through it, so the objects in it
                // become unknown too.
                let returned: Vec<Value> = [&taken_exit, &other_exit]
                    .into_iter()
                    .filter_map(|exit| match exit {
                        Err(Exit::Return(value)) => Some(value.clone()),
                        _ => None,
                    })
                    .collect();
                if !returned.is_empty() {
                    let control = frame.control.clone();
                    self.forget_reachable(&returned, &reason, &control);
                }
                match (taken_exit, other_exit) {
                    (Err(Exit::Return(_)), _) | (_, Err(Exit::Return(_))) => Err(Exit::Return(
                        Value::unknown(reason, origin).with_env(&frame.control),
                    )),
                    (Err(Exit::GaveUp(why)), _) | (_, Err(Exit::GaveUp(why))) => {
                        Err(Exit::GaveUp(why))
                    }
                    _ => {
                        // An exception on one path only is not followed past the `if`.
                        self.raise_site = None;
                        Ok(())
                    }
                }
            }
        };
        frame.control = saved;
        result
    }

    /// A name an arm not taken would have bound keeps its value because of the condition that
    /// skipped the arm: `EMAIL_BACKEND = console` followed by `if os.environ.get('EMAIL_HOST'):
    /// EMAIL_BACKEND = smtp` is the console backend when `EMAIL_HOST` is unset, not in every
    /// environment. The condition's variables join what those names' values depend on.
    fn depend_on_skipped(&mut self, frame: &mut Frame, skipped: &[Node<'p>], env: &EnvDeps) {
        if env.is_empty() || skipped.is_empty() {
            return;
        }
        let text = &self.project.sources.get(frame.file).text();
        let mut nodes = Vec::new();
        for body in skipped {
            collect_assigned_names(*body, text, &mut nodes);
        }
        let mut names: Vec<&str> = nodes.iter().map(|n| &text[n.byte_range()]).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            if let Some(binding) = frame.ns.bindings.get_mut(name) {
                binding.value = binding.value.clone().with_env(env);
            }
        }
    }
}

/// Merges the namespaces of two paths through an unknown condition.
pub(in crate::eval) fn join(
    a: Namespace,
    mut b: Namespace,
    reason: &str,
    origin: Span,
    control: &EnvDeps,
) -> Namespace {
    let mut joined = Namespace {
        bindings: Default::default(),
        opaque: a.opaque.clone().or(b.opaque.clone()),
    };
    for (name, binding) in a.bindings {
        match b.bindings.remove(&name) {
            Some(other) if other.value.same(&binding.value) => {
                let env = union(&binding.value.env, &other.value.env);
                joined.bindings.insert(
                    name,
                    Binding {
                        value: binding.value.with_env(&env),
                        site: binding.site,
                    },
                );
            }
            other => {
                // The name holds one object or another: a change made through it later may
                // change either, so neither is known any more.
                forget_objects_of(&binding.value, reason, control);
                if let Some(other) = &other {
                    forget_objects_of(&other.value, reason, control);
                }
                let env = other
                    .map(|o| union(&o.value.env, &binding.value.env))
                    .unwrap_or(binding.value.env.clone());
                let value = Value::unknown(reason, origin)
                    .with_env(&env)
                    .with_env(control);
                joined.bindings.insert(
                    name,
                    Binding {
                        value,
                        site: binding.site,
                    },
                );
            }
        }
    }
    for (name, binding) in b.bindings {
        forget_objects_of(&binding.value, reason, control);
        let value = Value::unknown(reason, origin)
            .with_env(&binding.value.env)
            .with_env(control);
        joined.bindings.insert(
            name,
            Binding {
                value,
                site: binding.site,
            },
        );
    }
    joined
}
