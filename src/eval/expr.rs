//! Expressions: literals, names, attribute access, calls, operators.

use std::rc::Rc;

use tree_sitter::Node;

use super::ops;
use super::strings::{parse_float, parse_int, unescape};
use super::value::{Args, EnvDeps, Kind, Object, Value, union};
use super::{Frame, Run};

/// Python builtins that settings modules call; everything else named like a builtin is undefined.
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
    "ImportError",
    "Exception",
    "KeyError",
    "ValueError",
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
        self.expr_depth += 1;
        let value = self.expr_kind(frame, node, span);
        self.expr_depth -= 1;
        value
    }

    fn expr_kind(&mut self, frame: &mut Frame, node: Node<'p>, span: crate::source::Span) -> Value {
        match node.kind() {
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
                let (Some(name), Some(value)) = (
                    node.child_by_field_name("name"),
                    node.child_by_field_name("value"),
                ) else {
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
            "not_operator" => match node.child_by_field_name("argument") {
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
                    node.child_by_field_name("left"),
                    node.child_by_field_name("right"),
                    node.child_by_field_name("operator"),
                ) else {
                    return Value::unknown("incomplete operator expression", span);
                };
                let left = self.expr(frame, left);
                let right = self.expr(frame, right);
                ops::binary(self.text(frame, op), &left, &right, span, false)
            }
            "unary_operator" => {
                let (Some(argument), Some(op)) = (
                    node.child_by_field_name("argument"),
                    node.child_by_field_name("operator"),
                ) else {
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
                    None => test,
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
            // The file as it is in the repository: paths derived from it (BASE_DIR) resolve
            // inside the checkout, where djsafe reads `.env` and `settings.ini` files.
            "__file__" => {
                let path = &self.project.sources.get(frame.file).path;
                return Value::str(&path.to_string_lossy(), span);
            }
            _ => {}
        }
        if let Some(opaque) = frame
            .ns
            .opaque
            .as_ref()
            .or(globals.as_ref().and_then(|g| g.opaque.as_ref()))
        {
            return Value::unknown(format!("`{name}` may be defined by {opaque}"), span);
        }
        if BUILTINS.contains(&name) {
            return Value::new(Kind::External(format!("builtins.{name}").into()), span);
        }
        Value::unknown(format!("name `{name}` is not defined at this point"), span)
    }

    fn string(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let parts: Vec<Node<'p>> = if node.kind() == "concatenated_string" {
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
                .filter(|c| c.kind() == "string_start")
                .map(|c| {
                    self.text(frame, *c)
                        .trim_end_matches(['\'', '"'])
                        .to_ascii_lowercase()
                })
                .unwrap_or_default();
            let raw = prefix.contains('r');
            is_bytes |= prefix.contains('b');
            for child in children {
                match child.kind() {
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
                    _ if text.len() > super::value::MAX_STR_BYTES => {
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
    fn interpolation(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let Some(expression) = node.child_by_field_name("expression") else {
            return Value::unknown("empty f-string interpolation", span);
        };
        let value = self.expr(frame, expression);
        let conversion = node
            .child_by_field_name("type_conversion")
            .map(|c| self.text(frame, c));
        let has_spec = node
            .child_by_field_name("format_specifier")
            .is_some_and(|s| {
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
        let self_documenting = children.iter().position(|c| c.kind() == "=").map(|at| {
            let end = children
                .get(at + 1)
                .map_or(children[at].end_byte(), |next| next.start_byte());
            let file = &self.project.sources.get(frame.file).text;
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

    fn sequence(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let mut items = Vec::new();
        let children = super::code_children(node);
        for child in children {
            if child.kind() == "list_splat" {
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
        let kind = match node.kind() {
            "list" => Kind::List(Object::new(items)),
            "set" => Kind::Set(Object::new(ops::set_items(items))),
            _ => Kind::tuple(items),
        };
        Value::new(kind, span)
    }

    /// `[body for x in items if cond]` and its set, dict and generator forms (a generator is
    /// evaluated to a list: settings consume it right away). The loop names do not leak.
    fn comprehension(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let Some(body) = node.child_by_field_name("body") else {
            return Value::unknown("incomplete comprehension", span);
        };
        let mut cursor = node.walk();
        let clauses: Vec<Node<'p>> = node
            .named_children(&mut cursor)
            .filter(|c| matches!(c.kind(), "for_in_clause" | "if_clause"))
            .collect();
        let mut targets = Vec::new();
        for clause in clauses.iter().filter(|c| c.kind() == "for_in_clause") {
            if let Some(left) = clause.child_by_field_name("left") {
                super::stmt::collect_identifiers(left, &mut targets);
            }
        }
        let saved: Vec<(Rc<str>, Option<super::Binding>)> = targets
            .iter()
            .map(|t| {
                let name: Rc<str> = self.text(frame, *t).into();
                let before = frame.ns.bindings.get(&name).cloned();
                (name, before)
            })
            .collect();
        let mut items = Vec::new();
        let mut env = super::value::EnvDeps::default();
        let outcome = self.comprehension_clauses(frame, &clauses, body, &mut items, &mut env);
        for (name, before) in saved {
            match before {
                Some(binding) => frame.ns.bindings.insert(name, binding),
                None => frame.ns.bindings.remove(&name),
            };
        }
        if let Err(reason) = outcome {
            return Value::unknown(reason, span).with_env(&env);
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

    fn comprehension_clauses(
        &mut self,
        frame: &mut Frame,
        clauses: &[Node<'p>],
        body: Node<'p>,
        out: &mut Vec<Value>,
        env: &mut super::value::EnvDeps,
    ) -> Result<(), String> {
        let Some((clause, rest)) = clauses.split_first() else {
            let item = if body.kind() == "pair" {
                let (Some(k), Some(v)) = (
                    body.child_by_field_name("key"),
                    body.child_by_field_name("value"),
                ) else {
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
        if clause.kind() == "if_clause" {
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
        let (Some(left), Some(right)) = (
            clause.child_by_field_name("left"),
            clause.child_by_field_name("right"),
        ) else {
            return Err("incomplete comprehension".into());
        };
        let iterable = self.expr(frame, right);
        *env = union(env, &iterable.env);
        let items = ops::iterate(&iterable)
            .filter(|items| items.len() <= super::stmt::MAX_UNROLLED_ITERATIONS)
            .ok_or_else(|| format!("cannot list the items of `{}`", self.text(frame, right)))?;
        let site = self.span(frame, *clause);
        for item in items {
            self.assign(frame, left, item.with_env(&iterable.env), site);
            self.comprehension_clauses(frame, rest, body, out, env)?;
        }
        Ok(())
    }

    fn dictionary(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let children = super::code_children(node);
        for child in children {
            match child.kind() {
                "pair" => {
                    let (Some(k), Some(v)) = (
                        child.child_by_field_name("key"),
                        child.child_by_field_name("value"),
                    ) else {
                        continue;
                    };
                    let key = self.expr(frame, k);
                    let value = self.expr(frame, v);
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

    fn attribute(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let (Some(object), Some(attribute)) = (
            node.child_by_field_name("object"),
            node.child_by_field_name("attribute"),
        ) else {
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
            Kind::Class(class) => match super::classes::attribute(class, name) {
                Some(value) => value,
                None => Value::unknown(
                    format!("`{}` has no attribute `{name}` djsafe can see", class.name),
                    span,
                ),
            },
            Kind::Module(index) => {
                let namespace = self.module(*index);
                match namespace.bindings.get(name) {
                    Some(binding) => binding.value.clone(),
                    None => Value::unknown(
                        format!(
                            "`{name}` is not defined in `{}`",
                            self.project.modules[*index].name
                        ),
                        span,
                    ),
                }
            }
            Kind::Unknown(_) | Kind::FromEnv(_) | Kind::Random(_) => object,
            _ => Value::new(Kind::Method(Rc::new(object), name.into()), span),
        }
    }

    fn subscript(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let (Some(object), Some(key)) = (
            node.child_by_field_name("value"),
            node.child_by_field_name("subscript"),
        ) else {
            return Value::unknown("incomplete subscript", span);
        };
        let container = self.expr(frame, object);
        let key = self.expr(frame, key);
        if matches!(&container.kind, Kind::External(path) if &**path == "os.environ") {
            return self.required_env(frame, &key, span);
        }
        ops::get_item(&container, &key, span)
    }

    fn comparison(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let mut cursor = node.walk();
        let mut operands = Vec::new();
        let mut operators = Vec::new();
        for (i, child) in node.children(&mut cursor).enumerate() {
            if node.field_name_for_child(i as u32) == Some("operators") {
                operators.push(child.kind());
            } else if child.is_named() && !super::is_extra(child) {
                operands.push(child);
            }
        }
        let mut env = EnvDeps::default();
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
                && &**path == "os.environ"
            {
                let set = !matches!(self.env_read(name), super::EnvRead::Unset);
                let deps = Rc::new([Rc::from(name)].into_iter().collect());
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
    fn boolean(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let (Some(left), Some(right), Some(op)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
            node.child_by_field_name("operator"),
        ) else {
            return Value::unknown("incomplete boolean expression", span);
        };
        let left = self.expr(frame, left);
        let is_or = self.text(frame, op) == "or";
        match left.truthy() {
            Some(truthy) if truthy == is_or => left,
            Some(_) => self.expr(frame, right).with_env(&left.env),
            None => left,
        }
    }

    fn call(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let Some(function) = node.child_by_field_name("function") else {
            return Value::unknown("incomplete call", span);
        };
        // `globals().update(NAME=value)` and `globals().setdefault('NAME', value)` bind names.
        if let Some(value) = self.namespace_method(frame, function, node) {
            return value;
        }
        // Code handed the module namespace (`globals().update(...)`, `configure(locals())`) may
        // define or change any setting.
        if let Some(reason) = self.namespace_escape(frame, function, node) {
            frame.ns.opaque = Some(reason.into());
        }
        let callee = self.expr(frame, function);
        let args = match node.child_by_field_name("arguments") {
            Some(arguments) if arguments.kind() == "argument_list" => {
                self.arguments(frame, arguments)
            }
            // `f(x for x in items)`: the generator is the only argument.
            Some(generator) if generator.kind() == "generator_expression" => {
                let items = self.comprehension(frame, generator);
                Ok(Args {
                    positional: vec![items],
                    keywords: Vec::new(),
                })
            }
            _ => Err(format!(
                "`{}` is called with a generator expression",
                self.text(frame, function)
            )),
        };
        let args = match args {
            Ok(args) => args,
            Err(reason) => return Value::unknown(reason, span).with_env(&callee.env),
        };
        match &callee.kind {
            Kind::External(path) => {
                let path = path.clone();
                self.call_external(frame, &path, &args, span)
            }
            Kind::Method(receiver, method)
                if matches!(receiver.kind, Kind::Instance(_) | Kind::Path(_)) =>
            {
                let (receiver, method) = (receiver.clone(), method.clone());
                self.call_object_method(frame, &receiver, &method, &args, span)
            }
            Kind::Instance(instance) => {
                let instance = instance.clone();
                self.call_instance(frame, &instance, &callee, &args, span)
            }
            Kind::Method(receiver, method) => {
                if ops::is_mutating_method(receiver, method) {
                    let (receiver, method) = (receiver.clone(), method.clone());
                    return self.mutate(frame, &receiver, &method, &args, span);
                }
                ops::call_method(receiver, method, &args, span)
            }
            Kind::Function(function) => {
                let function = function.clone();
                self.call_function(frame, &function, &args, span)
            }
            Kind::Class(class) => {
                let reason = format!(
                    "`{}` is a class of the project; djsafe does not model its instances",
                    class.name
                );
                self.forget_arguments(frame, &args, &reason);
                Value::unknown(reason, span)
            }
            Kind::Unknown(_) | Kind::FromEnv(_) | Kind::Random(_) => {
                let reason = format!(
                    "passed to `{}`, which djsafe cannot follow",
                    self.text(frame, function)
                );
                self.forget_arguments(frame, &args, &reason);
                callee.clone()
            }
            _ => Value::unknown(
                format!(
                    "`{}` is not callable as far as djsafe knows",
                    self.text(frame, function)
                ),
                span,
            ),
        }
    }

    /// Why a call may change the module namespace behind djsafe's back, if it may.
    fn namespace_escape(
        &self,
        frame: &Frame,
        function: Node<'p>,
        call: Node<'p>,
    ) -> Option<String> {
        let is_namespace = |n: Node| {
            n.kind() == "call"
                && matches!(
                    n.child_by_field_name("function")
                        .map(|f| self.text(frame, f)),
                    Some("globals" | "locals" | "vars")
                )
        };
        let receiver = function.child_by_field_name("object");
        if receiver.is_some_and(is_namespace) {
            return Some(format!(
                "`{}` at {}",
                self.text(frame, call),
                self.line(frame, call)
            ));
        }
        let arguments = call.child_by_field_name("arguments")?;
        let mut cursor = arguments.walk();
        let passes_namespace = arguments.named_children(&mut cursor).any(is_namespace);
        let callee = self.text(frame, function);
        (passes_namespace && callee != "django_heroku.settings").then(|| {
            format!(
                "`{}` at {}, which is given the module namespace",
                self.text(frame, call),
                self.line(frame, call)
            )
        })
    }

    pub(super) fn arguments(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<Args, String> {
        let mut args = Args::default();
        let children = super::code_children(node);
        for child in children {
            match child.kind() {
                "keyword_argument" => {
                    let (Some(name), Some(value)) = (
                        child.child_by_field_name("name"),
                        child.child_by_field_name("value"),
                    ) else {
                        continue;
                    };
                    let value = self.expr(frame, value);
                    args.keywords
                        .push((self.text(frame, name).to_string(), value));
                }
                // `f(*items, **options)` with known items and a dict of string keys.
                "list_splat" | "dictionary_splat" => {
                    let Some(inner) = child.named_child(0) else {
                        continue;
                    };
                    let value = self.expr(frame, inner);
                    let unpacked = if child.kind() == "list_splat" {
                        ops::iterate(&value).map(|items| args.positional.extend(items))
                    } else {
                        value
                            .pairs()
                            .unwrap_or_default()
                            .iter()
                            .map(|(k, v)| Some((k.as_str()?.to_string(), v.clone())))
                            .collect::<Option<Vec<_>>>()
                            .filter(|_| value.pairs().is_some())
                            .map(|pairs| args.keywords.extend(pairs))
                    };
                    if unpacked.is_none() {
                        return Err(format!(
                            "call with `{}`, whose items djsafe cannot list",
                            self.text(frame, child)
                        ));
                    }
                }
                "comment" | "line_continuation" => {}
                _ => args.positional.push(self.expr(frame, child)),
            }
        }
        Ok(args)
    }
}
