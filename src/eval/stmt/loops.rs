//! `for` over a known sequence is unrolled (up to a bound); one djsafe cannot unroll makes what
//! its body assigns unknown.

use tree_sitter::Node;

use super::MAX_UNROLLED_ITERATIONS;
use super::targets::collect_nodes;
use crate::eval::value::Value;
use crate::eval::{Exit, Frame, Run};

impl<'p> Run<'p> {
    pub(super) fn for_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let (Some(left), Some(right), Some(body)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
            node.child_by_field_name("body"),
        ) else {
            return Ok(());
        };
        let iterable = self.expr(frame, right);
        let items = crate::eval::ops::iterate(&iterable)
            .filter(|items| items.len() <= MAX_UNROLLED_ITERATIONS);
        let Some(items) = items else {
            let reason = format!(
                "assigned in a loop over `{}` at {}, which djsafe cannot unroll",
                self.text(frame, right),
                self.line(frame, node)
            );
            self.invalidate(frame, node, &reason);
            self.loop_over_modules(frame, &iterable);
            self.exec_in_loop_not_run(frame, node, right, &iterable);
            return Ok(());
        };
        let site = self.span(frame, node);
        for item in items {
            self.assign(frame, left, item.with_env(&iterable.env), site);
            self.block(frame, body)?;
        }
        if let Some(alternative) = node
            .child_by_field_name("alternative")
            .and_then(|a| a.child_by_field_name("body"))
        {
            self.block(frame, alternative)?;
        }
        Ok(())
    }

    /// A loop djsafe cannot unroll whose body calls `exec` (`for f in glob.glob('/etc/app/*.conf'):
    /// exec(open(f).read())`) runs code nobody can see from the repository: what it assigns is
    /// not seen, and a diagnostic says so, with why the loop was not followed. The settings
    /// keep the values the repository gives them, as with an optional import it lacks.
    fn exec_in_loop_not_run(
        &mut self,
        frame: &mut Frame,
        node: Node<'p>,
        iterable_node: Node<'p>,
        iterable: &Value,
    ) {
        let mut calls = Vec::new();
        let text = &self.project.sources.get(frame.file).text();
        collect_nodes(
            node,
            &mut |n| {
                n.kind() == "call"
                    && n.child_by_field_name("function")
                        .is_some_and(|f| &text[f.byte_range()] == "exec")
            },
            &mut calls,
        );
        let Some(call) = calls.first() else {
            return;
        };
        let why = iterable
            .unknown_reason()
            .map(|r| r.to_string())
            .unwrap_or_else(|| "it lists more items than djsafe unrolls".into());
        let message = format!(
            "`exec` at {} runs what the loop over `{}` lists, which djsafe cannot follow ({why}): settings those files assign are not seen, and where they exist they may override any setting above",
            self.line(frame, *call),
            self.text(frame, iterable_node),
        );
        let span = self.span(frame, *call);
        self.diagnose(
            crate::diagnostic::DiagnosticKind::UnresolvedImport,
            span,
            message,
        );
    }
}
