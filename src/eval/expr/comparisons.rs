//! Comparisons (chained, with `in` and `is`) and `and`/`or`: the environment variables a
//! comparison reads, and the literals they are compared with, are recorded for the scenarios.

use crate::syntax::{Field, NodeQueries};

use tree_sitter::Node;

use crate::eval::ops;
use crate::eval::value::{EnvDeps, Kind, Value, union};
use crate::eval::{Frame, Run};

impl<'p> Run<'p> {
    pub(super) fn comparison(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let mut cursor = node.walk();
        let mut operands = Vec::new();
        let mut operators = Vec::new();
        for (i, child) in node.children(&mut cursor).enumerate() {
            if node.field_name_for_child(i as u32) == Some("operators") {
                operators.push(child.kind_name());
            } else if child.is_named() && !crate::eval::is_extra(child) {
                operands.push(child);
            }
        }
        let mut env = EnvDeps::default();
        let mut compared = match (operands.as_slice(), operators.as_slice()) {
            ([left, right], [op]) => self.compared_read(frame, *left, op, *right),
            _ => None,
        };
        let mut left = match operands.first() {
            Some(first) => self.expr(frame, *first),
            None => return Value::unknown("incomplete comparison", span),
        };
        let mut result = true;
        for (op, right) in operators.into_iter().zip(operands.into_iter().skip(1)) {
            let mut right = self.expr(frame, right);
            // `'NAME' in os.environ` asks the scenario whether the variable is set.
            if let (Kind::External(path), "in" | "not in", Some(name)) =
                (&right.kind, op, left.as_str())
                && (&**path == "os.environ"
                    || (&**path == crate::eval::os_environ::ENVIRON_COPY
                        && self.environ_copy_read(span).is_none()))
            {
                let set = !matches!(self.env_read(name), crate::eval::EnvRead::Unset);
                let deps = self.env_deps(name);
                right = Value::new(Kind::Bool(set), right.origin).with_env(&deps);
                let result = if op == "in" { set } else { !set };
                env = union(&env, &union(&left.env, &right.env));
                if !result {
                    return Value::new(Kind::Bool(false), span).with_env(&env);
                }
                left = right;
                continue;
            }
            self.record_comparison(&left, &right);
            self.record_comparison(&right, &left);
            let outcome = ops::compare(op, &left, &right);
            if let Some(read) = compared.take() {
                self.finish_compared_read(read, op, &left, &right);
            }
            env = union(&env, &union(&left.env, &right.env));
            match outcome {
                Some(true) => {}
                Some(false) => result = false,
                None if left.is_unknown() => return left.with_env(&env),
                None if right.is_unknown() => return right.with_env(&env),
                None => {
                    return Value::unknown(format!("cannot compare {left} {op} {right}"), span)
                        .with_env(&env);
                }
            }
            if !result {
                break;
            }
            left = right;
        }
        Value::new(Kind::Bool(result), span).with_env(&env)
    }

    /// `and` / `or` return one of their operands, as in Python.
    pub(super) fn boolean(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let (Some(left), Some(right), Some(op)) = (
            node.field(Field::Left),
            node.field(Field::Right),
            node.field(Field::Operator),
        ) else {
            return Value::unknown("incomplete boolean expression", span);
        };
        let left_node = left;
        let left = self.expr(frame, left);
        let is_or = self.text(frame, op) == "or";
        match left.truthy() {
            Some(truthy) if truthy == is_or => left,
            Some(_) => self.expr(frame, right).with_env(&left.env),
            // The right side runs or not, and the result is either operand.
            None => {
                let given = std::slice::from_ref(&left);
                self.undecided(frame, &left, left_node, Some(right), None, given)
            }
        }
    }
}
