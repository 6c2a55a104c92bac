//! Expressions: each kind of node evaluated to a value, with a depth limit. Names, attributes,
//! subscripts and operators are here; literals, comprehensions, comparisons and calls have a file
//! each.

use crate::syntax::{Field, NodeQueries};
use std::rc::Rc;

use tree_sitter::Node;

use super::ops;
use super::strings::{parse_float, parse_int};
use super::value::{Kind, Value};
use super::{Frame, Run};

mod calls;
mod compared_reads;
mod comparisons;
mod comprehensions;
mod literals;
mod undecided;

/// Python builtins that settings modules use (call, subclass as `class Base(object):`, catch,
/// decorate with); everything else named like a builtin is undefined.
const BUILTINS: &[&str] = &[
    "bool",
    "int",
    "str",
    "float",
    "list",
    "tuple",
    "dict",
    "set",
    "frozenset",
    "len",
    "print",
    "open",
    "sorted",
    "min",
    "max",
    "any",
    "all",
    "isinstance",
    "getattr",
    "range",
    "filter",
    "map",
    "zip",
    "enumerate",
    "eval",
    "exec",
    "globals",
    "locals",
    "repr",
    "reversed",
    "sum",
    "type",
    "hasattr",
    "abs",
    "round",
    "object",
    "property",
    "staticmethod",
    "classmethod",
    "__import__",
    "super",
    "NotImplemented",
    "Ellipsis",
    "callable",
    "issubclass",
    "iter",
    "next",
    "id",
    "hash",
    "chr",
    "ord",
    "format",
    "vars",
    "setattr",
    "bytes",
    "compile",
    "ImportError",
    "ModuleNotFoundError",
    "Exception",
    "BaseException",
    "KeyError",
    "LookupError",
    "IndexError",
    "ValueError",
    "TypeError",
    "AttributeError",
    "NameError",
    "RuntimeError",
    "NotImplementedError",
    "OSError",
    "IOError",
    "EnvironmentError",
    "FileNotFoundError",
    "PermissionError",
    "SyntaxError",
    "UnicodeDecodeError",
    "Warning",
    "UserWarning",
    "DeprecationWarning",
];

/// How deep expressions are evaluated (CPython's parser stops at 200 nested parentheses).
const MAX_EXPRESSION_DEPTH: usize = 200;

impl<'p> Run<'p> {
    pub(super) fn expr(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        // CPython's parser refuses expressions nested this deep; djsafe's recursion stops here.
        if self.expr_depth >= MAX_EXPRESSION_DEPTH {
            return Value::unknown(
                format!("expression nested deeper than {MAX_EXPRESSION_DEPTH} levels"),
                span,
            );
        }
        if !self.project.edited.is_empty()
            && let Some(reason) = self.edited_place(frame, node)
        {
            return Value::unknown(reason, span);
        }
        self.expr_depth += 1;
        let value = self.expr_kind(frame, node, span);
        self.expr_depth -= 1;
        value
    }

    /// Why `node` has no value djsafe can know when a deployment's `sed -i` rewrote part of it
    /// (a generated key written over a placeholder): the innermost expression holding the
    /// rewritten text, a literal or name as a whole.
    fn edited_place(&self, frame: &Frame, node: Node<'p>) -> Option<String> {
        let places = self.project.edited.get(&frame.file)?;
        let range = node.byte_range();
        let place = places
            .iter()
            .find(|p| p.bytes.start < range.end && range.start < p.bytes.end)?;
        let whole = matches!(
            node.kind_name(),
            "string"
                | "concatenated_string"
                | "integer"
                | "float"
                | "true"
                | "false"
                | "none"
                | "identifier"
        );
        let mut cursor = node.walk();
        let inner = node.named_children(&mut cursor).any(|child| {
            child.start_byte() <= place.bytes.start && place.bytes.end <= child.end_byte()
        });
        (whole || !inner).then(|| place.reason.clone())
    }

    fn expr_kind(&mut self, frame: &mut Frame, node: Node<'p>, span: crate::source::Span) -> Value {
        match node.kind_name() {
            "integer" => match parse_int(self.text(frame, node)) {
                Some(i) => Value::new(Kind::Int(i), span),
                None => Value::unknown("integer too large for djsafe", span),
            },
            "float" => match parse_float(self.text(frame, node)) {
                Some(f) => Value::new(Kind::Float(f), span),
                None => Value::unknown("float literal djsafe cannot read", span),
            },
            "true" => Value::new(Kind::Bool(true), span),
            "false" => Value::new(Kind::Bool(false), span),
            "none" => Value::new(Kind::None, span),
            "string" | "concatenated_string" => self.string(frame, node),
            "identifier" => self.name(frame, node),
            "parenthesized_expression" => match super::code_children(node).first().copied() {
                Some(inner) => self.expr(frame, inner),
                None => Value::new(Kind::Tuple(Rc::default()), span),
            },
            "list" | "tuple" | "set" | "expression_list" => self.sequence(frame, node),
            "dictionary" => self.dictionary(frame, node),
            "named_expression" => {
                // `(name := value)` binds the name and is the value.
                let (Some(name), Some(value)) = (node.field(Field::Name), node.field(Field::Value))
                else {
                    return Value::unknown("incomplete `:=` expression", span);
                };
                let value = self.expr(frame, value);
                self.bind(frame, self.text(frame, name), value.clone(), span);
                value
            }
            "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression" => self.comprehension(frame, node),
            "attribute" => self.attribute(frame, node),
            "call" => self.call(frame, node),
            "subscript" => self.subscript(frame, node),
            "comparison_operator" => self.comparison(frame, node),
            "not_operator" => match node.field(Field::Argument) {
                Some(argument) => {
                    let value = self.expr(frame, argument);
                    match value.truthy() {
                        Some(b) => Value::new(Kind::Bool(!b), span).with_env(&value.env),
                        None => value,
                    }
                }
                None => Value::unknown("incomplete `not` expression", span),
            },
            "boolean_operator" => self.boolean(frame, node),
            "binary_operator" => {
                let (Some(left), Some(right), Some(op)) = (
                    node.field(Field::Left),
                    node.field(Field::Right),
                    node.field(Field::Operator),
                ) else {
                    return Value::unknown("incomplete operator expression", span);
                };
                let left = self.expr(frame, left);
                let right = self.expr(frame, right);
                let value = ops::binary(self.text(frame, op), &left, &right, span, false);
                if value.is_unknown() {
                    self.forget_operands(frame, node, [&left, &right]);
                }
                value
            }
            "unary_operator" => {
                let (Some(argument), Some(op)) =
                    (node.field(Field::Argument), node.field(Field::Operator))
                else {
                    return Value::unknown("incomplete operator expression", span);
                };
                let value = self.expr(frame, argument);
                ops::unary(self.text(frame, op), &value, span)
            }
            "conditional_expression" => {
                let parts = super::code_children(node);
                let [then, condition, otherwise] = parts[..] else {
                    return Value::unknown("incomplete conditional expression", span);
                };
                let test = self.expr(frame, condition);
                match test.truthy() {
                    Some(true) => self.expr(frame, then).with_env(&test.env),
                    Some(false) => self.expr(frame, otherwise).with_env(&test.env),
                    None => {
                        self.undecided(frame, &test, condition, Some(then), Some(otherwise), &[])
                    }
                }
            }
            kind => Value::unknown(
                format!(
                    "djsafe does not evaluate {} expressions yet",
                    kind.replace('_', " ")
                ),
                span,
            ),
        }
    }

    fn name(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let name = self.text(frame, node);
        let span = self.span(frame, node);
        if let Some(binding) = frame.ns.bindings.get(name) {
            return binding.value.clone();
        }
        let globals = frame.globals.clone();
        if let Some(binding) = globals.as_ref().and_then(|g| g.bindings.get(name)) {
            return binding.value.clone();
        }
        match name {
            "__name__" => return Value::str(&self.project.modules[frame.module].name, span),
            // A Helm template expression in a file a ConfigMap holds (`deploy::mounts`).
            crate::deploy::mounts::TEMPLATE_NAME => {
                return Value::unknown(
                    "a Helm template expression, rendered when the chart is installed",
                    span,
                );
            }
            // The file as it is in the repository: paths derived from it (BASE_DIR) resolve
            // inside the checkout, where djsafe reads `.env` and `settings.ini` files.
            "__file__" => {
                let path = &self.project.sources.get(frame.file).path;
                return Value::str(&path.to_string_lossy(), span);
            }
            _ => {}
        }
        // A builtin (`open`, `int`) stays the builtin in a namespace code djsafe cannot see may
        // have added names to: that code defines settings, not a module-level `open`.
        if BUILTINS.contains(&name) {
            return Value::new(Kind::External(format!("builtins.{name}").into()), span);
        }
        if let Some(opaque) = frame
            .ns
            .opaque
            .as_ref()
            .or(globals.as_ref().and_then(|g| g.opaque.as_ref()))
        {
            return Value::unknown(format!("`{name}` may be defined by {opaque}"), span);
        }
        Value::unknown(format!("name `{name}` is not defined at this point"), span)
    }

    fn attribute(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let (Some(object), Some(attribute)) =
            (node.field(Field::Object), node.field(Field::Attribute))
        else {
            return Value::unknown("incomplete attribute access", span);
        };
        let object = self.expr(frame, object);
        let name = self.text(frame, attribute);
        if let Some(property) = super::paths::property(&object, name)
            .or_else(|| super::library_values::property(&object, name))
        {
            return property;
        }
        match &object.kind {
            Kind::External(path) => {
                let full = format!("{path}.{name}");
                match super::library_values::attribute(&full, span) {
                    Some(value) => value.with_env(&object.env),
                    None => Value::new(Kind::External(full.into()), span).with_env(&object.env),
                }
            }
            Kind::Class(class) => match class.attribute(name, span) {
                // A classmethod takes the class it is reached through (a subclass's too).
                Some(Value {
                    kind: Kind::Function(function),
                    origin,
                    env,
                }) if matches!(function.receiver, super::value::Receiver::ClassMethod) => {
                    let bound =
                        function.with_receiver(super::value::Receiver::Class(object.clone()));
                    Value {
                        kind: Kind::Function(Rc::new(bound)),
                        origin,
                        env,
                    }
                }
                Some(value) => value,
                None => Value::unknown(
                    format!("`{}` has no attribute `{name}` djsafe can see", class.name),
                    span,
                ),
            },
            Kind::Module(index) => {
                let index = *index;
                let namespace = if index == frame.module {
                    self.module_names(frame, index)
                } else {
                    self.module(index)
                };
                match (namespace.bindings.get(name), &namespace.opaque) {
                    (Some(binding), _) => binding.value.clone(),
                    (None, Some(opaque)) => {
                        Value::unknown(format!("`{name}` may be defined by {opaque}"), span)
                    }
                    (None, None) => Value::unknown(
                        format!(
                            "`{name}` is not defined in `{}`",
                            self.project.modules[index].name
                        ),
                        span,
                    ),
                }
            }
            Kind::Unknown(_) | Kind::FromEnv(_) | Kind::Random(_) => object,
            // A registry keyed by the functions it is given (`CHECKS.append(func.__name__)`).
            Kind::Function(function) if name == "__name__" => Value::str(&function.name, span),
            _ => Value::new(Kind::Method(Rc::new(object), name.into()), span),
        }
    }

    fn subscript(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let (Some(object), Some(key)) = (node.field(Field::Value), node.field(Field::Subscript))
        else {
            return Value::unknown("incomplete subscript", span);
        };
        if let Some(value) = self.alias_subscript(frame, object, key, node) {
            return value;
        }
        let container = self.expr(frame, object);
        let key = self.expr(frame, key);
        if matches!(&container.kind, Kind::External(path) if &**path == "os.environ") {
            return self.required_env(frame, &key, span);
        }
        if crate::eval::os_environ::is_environ_copy(&container) {
            return match self.environ_copy_read(span) {
                Some(unknown) => unknown,
                None => self.required_env(frame, &key, span),
            };
        }
        // `sys.modules[__name__]`: a project module already imported (or being imported), or
        // one djsafe cannot identify.
        if matches!(&container.kind, Kind::External(path) if &**path == "sys.modules") {
            return self.sys_modules_lookup(frame, &key, span);
        }
        let value = ops::get_item(&container, &key, span);
        // An item djsafe cannot tell which it is may be any of them, and a change made through
        // it would be lost: the objects the container holds become unknown.
        if value.is_unknown() && !ops::exact_lookup(&container, &key) {
            let which = match key.unknown_reason() {
                Some(reason) if key.is_unknown() => reason.to_string(),
                _ => format!("{key}"),
            };
            let reason = format!(
                "may be changed through `{}` at {}, whose key djsafe cannot evaluate ({which})",
                self.text(frame, node),
                self.line(frame, node),
            );
            let control = frame.control.clone();
            self.forget_items(&container, &reason, &control);
        }
        value
    }
}
