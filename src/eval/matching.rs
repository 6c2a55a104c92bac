//! `match` statements: literal, value, capture, wildcard and `|` patterns with guards. A case
//! djsafe cannot decide runs on a copy of the namespace, joined as for `if`.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use super::value::{Value, union};
use super::{Exit, Frame, Run};

/// How one case pattern relates to the subject.
enum Match<'p> {
    No,
    /// Matches, binding these capture names.
    Yes(Vec<Node<'p>>),
    Unknown(String),
}

impl<'p> Run<'p> {
    pub(super) fn match_statement(
        &mut self,
        frame: &mut Frame,
        node: Node<'p>,
    ) -> Result<(), Exit> {
        let Some(subject_node) = node.field(Field::Subject) else {
            return Ok(());
        };
        let subject = self.expr(frame, subject_node);
        let Some(body) = node.field(Field::Body) else {
            return Ok(());
        };
        let mut cursor = body.walk();
        let cases: Vec<Node<'p>> = body
            .children_by_field_name("alternative", &mut cursor)
            .collect();
        let saved = frame.control.clone();
        frame.control = union(&frame.control, &subject.env);
        let result = self.cases(frame, &subject, &cases);
        frame.control = saved;
        result
    }

    fn cases(
        &mut self,
        frame: &mut Frame,
        subject: &Value,
        cases: &[Node<'p>],
    ) -> Result<(), Exit> {
        let Some((case, rest)) = cases.split_first() else {
            return Ok(());
        };
        let mut cursor = case.walk();
        let pattern = case
            .named_children(&mut cursor)
            .find(|c| c.kind_name() == "case_pattern");
        let Some(consequence) = case.field(Field::Consequence) else {
            return Ok(());
        };
        let decided = match pattern {
            Some(pattern) => self.pattern(frame, pattern, subject),
            None => Match::Unknown("a case without a pattern".into()),
        };
        let decided = match decided {
            Match::Yes(captures) => {
                let site = self.span(frame, *case);
                for capture in captures {
                    let name = self.text(frame, capture);
                    self.bind(frame, name, subject.clone(), site);
                }
                match case.field(Field::Guard).and_then(|g| g.named_child(0)) {
                    None => Some(true),
                    Some(guard) => {
                        let test = self.expr(frame, guard);
                        frame.control = union(&frame.control, &test.env);
                        test.truthy()
                    }
                }
            }
            Match::No => Some(false),
            Match::Unknown(_) => None,
        };
        match decided {
            Some(true) => self.block(frame, consequence),
            Some(false) => self.cases(frame, subject, rest),
            None => {
                let before = frame.ns.clone();
                let mut fork = self.fork();
                let _ = self.block(frame, consequence);
                let taken = std::mem::replace(&mut frame.ns, before);
                self.other_side(&mut fork);
                let _ = self.cases(frame, subject, rest);
                let reason = format!(
                    "depends on the `case` at {}, which djsafe cannot decide",
                    self.line(frame, *case)
                );
                self.join_objects(fork, &reason, &frame.control);
                let origin = self.span(frame, *case);
                frame.ns = super::stmt::join(
                    taken,
                    std::mem::take(&mut frame.ns),
                    &reason,
                    origin,
                    &frame.control,
                );
                Ok(())
            }
        }
    }

    fn pattern(&mut self, frame: &mut Frame, pattern: Node<'p>, subject: &Value) -> Match<'p> {
        let inner = if pattern.kind_name() == "case_pattern" {
            pattern.named_child(0)
        } else {
            Some(pattern)
        };
        let Some(inner) = inner else {
            // `case _:` parses as an empty case_pattern in some grammars.
            return Match::Yes(Vec::new());
        };
        match inner.kind_name() {
            "union_pattern" => {
                let mut cursor = inner.walk();
                let alternatives: Vec<Node<'p>> = inner.named_children(&mut cursor).collect();
                let mut unknown = None;
                for alternative in alternatives {
                    match self.pattern(frame, alternative, subject) {
                        Match::Yes(captures) => return Match::Yes(captures),
                        Match::No => {}
                        Match::Unknown(why) => unknown = Some(why),
                    }
                }
                unknown.map_or(Match::No, Match::Unknown)
            }
            "dotted_name" if inner.named_child_count() == 1 => {
                let name = self.text(frame, inner);
                if name == "_" {
                    Match::Yes(Vec::new())
                } else {
                    Match::Yes(vec![inner])
                }
            }
            "string"
            | "concatenated_string"
            | "integer"
            | "float"
            | "true"
            | "false"
            | "none"
            | "dotted_name" => {
                let value = if inner.kind_name() == "dotted_name" {
                    self.dotted_value(frame, inner)
                } else {
                    self.expr(frame, inner)
                };
                self.record_comparison(subject, &value);
                match super::ops::compare("==", subject, &value) {
                    Some(true) => Match::Yes(Vec::new()),
                    Some(false) => Match::No,
                    None => Match::Unknown(format!("cannot compare {subject} with {value}")),
                }
            }
            kind => Match::Unknown(format!(
                "{} patterns are not evaluated",
                kind.replace('_', " ")
            )),
        }
    }

    /// A value pattern such as `Env.PRODUCTION`: the attribute chain evaluated as an expression.
    fn dotted_value(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let mut cursor = node.walk();
        let parts: Vec<Node<'p>> = node.named_children(&mut cursor).collect();
        let mut value = self.expr(frame, parts[0]);
        for part in &parts[1..] {
            let name = self.text(frame, *part);
            value = match super::paths::property(&value, name) {
                Some(v) => v,
                None => Value::unknown(
                    format!(
                        "value pattern `{}` is not evaluated",
                        self.text(frame, node)
                    ),
                    value.origin,
                ),
            };
        }
        value
    }
}
