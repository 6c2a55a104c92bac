//! Literals that build values: strings (with escapes and f-strings), lists, tuples, sets and
//! dicts, with `*` and `**` unpacking.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use crate::eval::ops;
use crate::eval::strings::unescape;
use crate::eval::value::{EnvDeps, Kind, Object, Value, union};
use crate::eval::{Frame, Run};

impl<'p> Run<'p> {
    pub(super) fn string(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let parts: Vec<Node<'p>> = if node.kind_name() == "concatenated_string" {
            let mut cursor = node.walk();
            node.named_children(&mut cursor).collect()
        } else {
            vec![node]
        };
        let mut text = String::new();
        let mut env = EnvDeps::default();
        let mut is_bytes = false;
        for part in parts {
            let mut cursor = part.walk();
            let children: Vec<Node<'p>> = part.named_children(&mut cursor).collect();
            let prefix = children
                .first()
                .filter(|c| c.kind_name() == "string_start")
                .map(|c| {
                    self.text(frame, *c)
                        .trim_end_matches(['\'', '"'])
                        .to_ascii_lowercase()
                })
                .unwrap_or_default();
            let raw = prefix.contains('r');
            is_bytes |= prefix.contains('b');
            for child in children {
                match child.kind_name() {
                    "string_content" => {
                        let content = self.text(frame, child);
                        // `\N{NAME}` needs Unicode's name table, which djsafe does not have.
                        if !raw && !is_bytes && content.contains("\\N{") {
                            return Value::unknown("`\\N{...}` escapes are not evaluated", span);
                        }
                        if raw {
                            text.push_str(content);
                        } else {
                            text.push_str(&unescape(content, is_bytes));
                        }
                    }
                    _ if text.len() > crate::eval::value::MAX_STR_BYTES => {
                        return Value::unknown(
                            "a string longer than djsafe's limit is not evaluated",
                            span,
                        );
                    }
                    "interpolation" => {
                        let value = self.interpolation(frame, child);
                        env = union(&env, &value.env);
                        match value.kind {
                            Kind::Str(s) => text.push_str(&s),
                            _ => return value,
                        }
                    }
                    _ => {}
                }
            }
        }
        let kind = if is_bytes {
            // Each character of a bytes literal is one byte (`\xff` is 255, not UTF-8).
            match text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).ok())
                .collect::<Option<Vec<u8>>>()
            {
                Some(bytes) => Kind::Bytes(bytes.into()),
                None => return Value::unknown("a bytes literal with non-ASCII characters", span),
            }
        } else {
            Kind::Str(text.into())
        };
        Value::new(kind, span).with_env(&env)
    }

    /// One `{...}` of an f-string, as the text it formats to.
    pub(super) fn interpolation(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let Some(expression) = node.field(Field::Expression) else {
            return Value::unknown("empty f-string interpolation", span);
        };
        let value = self.expr(frame, expression);
        let conversion = node
            .field(Field::TypeConversion)
            .map(|c| self.text(frame, c));
        let has_spec = node.field(Field::FormatSpecifier).is_some_and(|s| {
            !self
                .text(frame, s)
                .trim_start_matches(':')
                .trim()
                .is_empty()
        });
        if has_spec {
            return Value::unknown("f-string format specifications are not evaluated", span)
                .with_env(&value.env);
        }
        // `f"{X=}"` writes the expression's text as written, the `=` and the spaces after it,
        // then the value's repr (its str with `!s`).
        let mut cursor = node.walk();
        let children: Vec<Node<'p>> = node.children(&mut cursor).collect();
        let self_documenting = children
            .iter()
            .position(|c| c.kind_name() == "=")
            .map(|at| {
                let end = children
                    .get(at + 1)
                    .map_or(children[at].end_byte(), |next| next.start_byte());
                let file = &self.project.sources.get(frame.file).text();
                file[node.start_byte() + 1..end].to_string()
            });
        let formatted = match (conversion, &self_documenting) {
            (Some("!r"), _) | (None, Some(_)) => ops::to_repr(&value, span),
            (Some("!a"), _) => Value::unknown("f-string `!a` conversions are not evaluated", span)
                .with_env(&value.env),
            _ => ops::to_str(&value, span),
        };
        match (self_documenting, &formatted.kind) {
            (Some(text), Kind::Str(s)) => {
                Value::str(&format!("{text}{s}"), span).with_env(&formatted.env)
            }
            _ => formatted,
        }
    }

    pub(super) fn sequence(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let mut items = Vec::new();
        let children = crate::eval::code_children(node);
        for child in children {
            if child.kind_name() == "list_splat" {
                let Some(inner) = child.named_child(0) else {
                    continue;
                };
                let value = self.expr(frame, inner);
                match ops::iterate(&value) {
                    Some(more) => items.extend(more),
                    None => {
                        return Value::unknown(
                            format!(
                                "unpacks `{}`, whose items djsafe cannot list",
                                self.text(frame, inner)
                            ),
                            span,
                        )
                        .with_env(&value.env);
                    }
                }
            } else {
                items.push(self.expr(frame, child));
            }
        }
        if node.kind() == "set" && items.iter().any(ops::is_unhashable) {
            return self.unhashable(frame, span);
        }
        let kind = match node.kind_name() {
            "list" => Kind::List(Object::new(items)),
            "set" => Kind::Set(Object::new(ops::set_items(items))),
            _ => Kind::tuple(items),
        };
        Value::new(kind, span)
    }

    pub(super) fn dictionary(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let children = crate::eval::code_children(node);
        for child in children {
            match child.kind_name() {
                "pair" => {
                    let (Some(k), Some(v)) = (child.field(Field::Key), child.field(Field::Value))
                    else {
                        continue;
                    };
                    let key = self.expr(frame, k);
                    let value = self.expr(frame, v);
                    if ops::is_unhashable(&key) {
                        return self.unhashable(frame, span);
                    }
                    ops::dict_insert(&mut pairs, key, value);
                }
                "dictionary_splat" => {
                    let Some(inner) = child.named_child(0) else {
                        continue;
                    };
                    let value = self.expr(frame, inner);
                    match value.pairs() {
                        Some(more) => {
                            for (k, v) in more {
                                ops::dict_insert(&mut pairs, k, v);
                            }
                        }
                        None => {
                            return Value::unknown(
                                format!(
                                    "unpacks `{}`, which is not a known dict",
                                    self.text(frame, inner)
                                ),
                                span,
                            )
                            .with_env(&value.env);
                        }
                    }
                }
                _ => {}
            }
        }
        Value::new(Kind::Dict(Object::new(pairs)), span)
    }
}

impl Run<'_> {
    /// A list, dict or set as a set item or dict key (a literal or a comprehension): CPython
    /// raises TypeError (unhashable type), which an enclosing `try` may catch. djsafe says
    /// unknown rather than building the container: nesting such containers in a loop made
    /// values grow without bound (a fuzzed settings package took gigabytes).
    pub(super) fn unhashable(&mut self, frame: &Frame, span: crate::source::Span) -> Value {
        if frame.handles("TypeError") {
            self.raised = Some("TypeError");
        }
        Value::unknown(
            "a list, dict or set is used as a set item or dict key (TypeError: unhashable type)",
            span,
        )
    }
}
