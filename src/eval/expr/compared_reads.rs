//! A variable's text read only to be compared (`os.getenv('DEBUG', '').lower() in ('1', 'true')`,
//! `os.environ.get('DEBUG') == 'True'`): the text goes nowhere but into the comparison, so the
//! read gives the evaluation only the comparison's `True` or `False`, and spellings that compare
//! alike cannot be told apart (see `eval::spellings`). Recognised by its syntax, so that the text
//! provably flows nowhere else: a call of `os.getenv` or `os.environ.get` (checked to be the
//! modelled functions) with literal arguments, then string methods without arguments that
//! change case or strip, then one `==`, `!=`, `in` or `not in` with a literal.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use crate::eval::ops;
use crate::eval::spellings::{Table, bool_table};
use crate::eval::value::{Args, Kind, Value};
use crate::eval::{Frame, Run};

/// String methods a compared text may go through: each a function of the text alone.
const TEXT_METHODS: &[&str] = &["lower", "upper", "casefold", "strip", "lstrip", "rstrip"];

/// A read recognised before its comparison runs.
pub(super) struct ComparedRead {
    var: String,
    /// The string methods applied to the text, innermost first.
    methods: Vec<String>,
    /// Whether the variable was already read in a way no table describes.
    was_opaque: bool,
}

impl<'p> Run<'p> {
    /// The read in `left`, when the comparison `left op right` is the only place its text goes.
    pub(super) fn compared_read(
        &mut self,
        frame: &mut Frame,
        left: Node<'p>,
        op: &str,
        right: Node<'p>,
    ) -> Option<ComparedRead> {
        if !matches!(op, "==" | "!=" | "in" | "not in") || !self.is_text_literal(frame, right, true)
        {
            return None;
        }
        let mut methods = Vec::new();
        let mut node = left;
        // Peel `.lower()`, `.strip()`... from the outside in.
        let read = loop {
            if node.kind_name() != "call" {
                return None;
            }
            let function = node.field(Field::Function)?;
            let arguments = node.field(Field::Arguments)?;
            if function.kind_name() == "attribute"
                && let Some(method) = function.field(Field::Attribute)
                && TEXT_METHODS.contains(&self.text(frame, method))
                && arguments.named_child_count() == 0
                && function
                    .field(Field::Object)
                    .is_some_and(|o| o.kind_name() == "call")
            {
                methods.push(self.text(frame, method).to_string());
                node = function.field(Field::Object)?;
                continue;
            }
            break node;
        };
        methods.reverse();
        let function = read.field(Field::Function)?;
        if !matches!(self.text(frame, function), "os.getenv" | "os.environ.get") {
            return None;
        }
        let arguments = read.field(Field::Arguments)?;
        let mut cursor = arguments.walk();
        let args: Vec<Node> = arguments
            .named_children(&mut cursor)
            .filter(|a| !crate::eval::is_extra(*a))
            .collect();
        if args.is_empty()
            || args.len() > 2
            || !args.iter().all(|a| self.is_text_literal(frame, *a, false))
        {
            return None;
        }
        // The name must be the modelled function, not a rebound `os` (a project function could
        // keep the text it reads). Names and attributes of modules evaluate without effects.
        let callee = self.expr(frame, function);
        if !matches!(&callee.kind, Kind::External(path) if matches!(&**path, "os.getenv" | "os.environ.get"))
        {
            return None;
        }
        let var = self.expr(frame, args[0]).as_str()?.to_string();
        let was_opaque = self.spellings.borrow().opaque.contains(&var);
        Some(ComparedRead {
            var,
            methods,
            was_opaque,
        })
    }

    /// After the comparison ran with the read in it (whose value was `read`, compared with
    /// `right`): the read is described by what the comparison gives for each spelling, unless
    /// the variable's text was already read elsewhere.
    pub(super) fn finish_compared_read(
        &mut self,
        read: ComparedRead,
        op: &str,
        left: &Value,
        right: &Value,
    ) {
        if read.was_opaque {
            return;
        }
        let table: Table = bool_table(|spelling| {
            let mut text = Value::str(spelling, left.origin).with_env(&left.env);
            for method in &read.methods {
                text = ops::call_method(&text, method, &Args::default(), left.origin);
            }
            ops::compare(op, &text, right)
        });
        let spellings = self.spellings.get_mut();
        spellings.opaque.remove(&read.var);
        spellings.tables.entry(read.var).or_default().push(table);
    }

    /// Whether `node` is a plain string literal (no f-string fields, no concatenation), or with
    /// `items`, also a tuple, list or set of them.
    fn is_text_literal(&self, frame: &Frame, node: Node<'p>, items: bool) -> bool {
        match node.kind_name() {
            "string" => {
                let mut cursor = node.walk();
                let plain = node.named_children(&mut cursor).all(|c| {
                    matches!(
                        c.kind_name(),
                        "string_start" | "string_content" | "string_end"
                    )
                });
                plain && !self.text(frame, node).starts_with(['f', 'F'])
            }
            "tuple" | "list" | "set" | "parenthesized_expression" if items => {
                let mut cursor = node.walk();
                let children: Vec<Node> = node
                    .named_children(&mut cursor)
                    .filter(|c| !crate::eval::is_extra(*c))
                    .collect();
                children
                    .iter()
                    .all(|c| self.is_text_literal(frame, *c, false))
            }
            _ => false,
        }
    }
}
