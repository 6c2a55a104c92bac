//! `a if test else b`, `a or b` and `a and b` when djsafe cannot decide `test`: Python runs one
//! side or the other, so each runs here on its own, as the arms of an undecided `if` do (the
//! changes each makes to objects and names are joined), and the objects either side may give
//! become unknown: the result is unknown, and a change made through it would be lost.

use tree_sitter::Node;

use crate::eval::value::{Kind, Value, union};
use crate::eval::{Frame, Run, stmt};

impl<'p> Run<'p> {
    /// Runs `first` on one side and `second` (when there is one) on the other of the undecided
    /// condition `condition`, whose value is `test`; `given` are values the expression may also
    /// return (the left operand of `or`). Returns the expression's value: unknown.
    pub(super) fn undecided(
        &mut self,
        frame: &mut Frame,
        test: &Value,
        condition: Node<'p>,
        first: Option<Node<'p>>,
        second: Option<Node<'p>>,
        given: &[Value],
    ) -> Value {
        let why = test
            .unknown_reason()
            .map(|r| r.to_string())
            .unwrap_or_else(|| format!("{test}"));
        let reason = format!(
            "depends on the condition `{}` at {}, which djsafe cannot decide ({why})",
            self.text(frame, condition),
            self.line(frame, condition),
        );
        let origin = self.span(frame, condition);
        let saved = frame.control.clone();
        frame.control = union(&frame.control, &test.env);
        // An exception raised on one side only is not followed, as in an undecided `if`.
        let raised = self.raised.take();
        let before = frame.ns.clone();
        let mut fork = self.fork();
        let a = first.map(|node| self.expr(frame, node));
        self.raised = None;
        let taken = std::mem::replace(&mut frame.ns, before);
        self.other_side(&mut fork);
        let b = second.map(|node| self.expr(frame, node));
        self.raised = raised;
        self.join_objects(fork, &reason, &frame.control);
        let other = std::mem::take(&mut frame.ns);
        frame.ns = stmt::join(taken, other, &reason, origin, &frame.control);
        let values: Vec<Value> = given.iter().cloned().chain(a).chain(b).collect();
        let control = frame.control.clone();
        self.forget_reachable(&values, &reason, &control);
        frame.control = saved;
        // The test's own value when it is unknown (what djsafe said before it ran the sides),
        // never an object: the result is not that object.
        match test.kind {
            Kind::List(_) | Kind::Dict(_) | Kind::Set(_) => {
                Value::unknown(reason, origin).with_env(&test.deps())
            }
            _ => test.clone(),
        }
    }
}
