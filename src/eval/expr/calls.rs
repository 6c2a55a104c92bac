//! Call expressions: the arguments evaluated, then the callee dispatched by what it is (a
//! project function, a class, a library object, a method, a function outside the project).

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use crate::eval::ops;
use crate::eval::unidentified::is_unidentified;
use crate::eval::value::{Args, Kind, Value};
use crate::eval::{Frame, Run};

/// Builtins that only read what they are given: a module handle passed to them is not changed.
const READS_ONLY: &[&str] = &[
    "builtins.getattr",
    "builtins.hasattr",
    "builtins.dir",
    "builtins.isinstance",
    "builtins.callable",
    "builtins.type",
    "builtins.id",
    "builtins.repr",
    "builtins.str",
    "builtins.print",
    "builtins.len",
    "builtins.bool",
    "builtins.hash",
];

impl<'p> Run<'p> {
    pub(super) fn call(&mut self, frame: &mut Frame, node: Node<'p>) -> Value {
        let span = self.span(frame, node);
        let Some(function) = node.field(Field::Function) else {
            return Value::unknown("incomplete call", span);
        };
        // `globals().update(NAME=value)` and `globals().setdefault('NAME', value)` bind names.
        // The same through a parameter a followed function was handed the namespace in (first:
        // its `setdefault` and `get` read that namespace, not the function's module's).
        if let Some(value) = self.alias_method(frame, function, node) {
            return value;
        }
        if let Some(value) = self.namespace_method(frame, function, node) {
            return value;
        }
        // Code handed the module namespace (`configure(locals())`) and a namespace method djsafe
        // could not evaluate (`globals().update(**m)`) may define or rebind any setting; a
        // method that reads it (`globals().get(...)`) or only adds names may define others.
        if let Some(reason) = self.namespace_escape(frame, function, node) {
            let method = function
                .field(Field::Attribute)
                .filter(|_| function.kind_name() == "attribute")
                .map(|attribute| self.text(frame, attribute));
            let passed = function
                .field(Field::Object)
                .is_none_or(|receiver| !self.is_namespace_text(frame, receiver));
            // A project function is followed with its parameter standing for the namespace.
            if passed
                && let Some(value) = self.call_handed_namespace(frame, function, node, &reason)
            {
                return value;
            }
            if passed || matches!(method, Some("update" | "__setitem__")) {
                self.namespace_rebound(frame, &reason);
            } else {
                frame.ns.opaque = Some(reason.into());
            }
        }
        let callee = self.expr(frame, function);
        let args = match node.field(Field::Arguments) {
            Some(arguments) if arguments.kind_name() == "argument_list" => {
                self.arguments(frame, arguments)
            }
            // `f(x for x in items)`: the generator is the only argument.
            Some(generator) if generator.kind_name() == "generator_expression" => {
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
        // A handle on a module djsafe cannot identify, passed anywhere but to a builtin that
        // only reads it (`setattr(mod, ...)`, `vars(mod)`, a helper), may have its names
        // changed; `getattr(mod, name)` is read through it.
        // `setattr(Conf, 'LEVEL', ...)`, `delattr(Conf, ...)`: the class changed.
        if matches!(&callee.kind, Kind::External(path) if matches!(&**path, "builtins.setattr" | "builtins.delattr"))
            && let Some(Kind::Class(class)) = args.positional.first().map(|c| &c.kind)
        {
            class.mark_changed(&format!(
                "`{}` at {}",
                self.text(frame, node),
                self.line(frame, node)
            ));
        }
        let reads_only =
            matches!(&callee.kind, Kind::External(path) if READS_ONLY.contains(&&**path));
        if !reads_only {
            for arg in args
                .positional
                .iter()
                .chain(args.keywords.iter().map(|(_, v)| v))
            {
                self.through_unidentified(frame, arg);
            }
        } else if matches!(&callee.kind, Kind::External(path) if &**path == "builtins.getattr")
            && let Some(handle) = args.positional.first()
            && is_unidentified(handle)
        {
            return handle.clone();
        }
        match &callee.kind {
            Kind::External(path) => {
                let path = path.clone();
                self.call_external(frame, &path, &args, span)
            }
            Kind::Method(receiver, method)
                if matches!(receiver.kind, Kind::Instance(_) | Kind::Path(_)) =>
            {
                let (receiver, method) = (receiver.clone(), method.clone());
                if let Some(value) = self.file_method(frame, &receiver, &method, &args, span) {
                    return value;
                }
                let value = self.call_object_method(frame, &receiver, &method, &args, span);
                // A method djsafe does not model may change what it is passed or what the
                // object holds (the lists it was built with), or hand one of them back.
                if value.is_unknown() {
                    let reason = format!(
                        "passed to `{}` at {}, which djsafe does not model",
                        self.text(frame, function),
                        self.line(frame, node)
                    );
                    self.forget_arguments(frame, &args, &reason);
                    let control = frame.control.clone();
                    self.forget_items(&receiver, &reason, &control);
                }
                value
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
                let (receiver, method) = (receiver.clone(), method.clone());
                if let Some(value) = self.method_on_unset(frame, &receiver, &method, span) {
                    return value;
                }
                let value = ops::call_method(&receiver, &method, &args, span);
                // `.get(key)` with a key djsafe cannot evaluate, or any method whose result it
                // does not know, may return one of the receiver's items or an argument: a change
                // made through the result would be lost.
                if value.is_unknown()
                    && matches!(
                        receiver.kind,
                        Kind::List(_) | Kind::Tuple(_) | Kind::Dict(_) | Kind::Set(_)
                    )
                {
                    let reason = format!(
                        "may be changed through the result of `{}` at {}, which djsafe does not know",
                        self.text(frame, node),
                        self.line(frame, node)
                    );
                    let control = frame.control.clone();
                    self.forget_items(&receiver, &reason, &control);
                    self.forget_arguments(frame, &args, &reason);
                }
                value
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
                // Its methods, which djsafe does not follow either, may set the class's
                // attributes (`self.toggle()` calling a classmethod, `type(self).X = ...`).
                class.mark_changed(&format!(
                    "an instance of it is made at {}, whose methods djsafe does not follow",
                    self.line(frame, node)
                ));
                Value::unknown(reason, span)
            }
            Kind::Unknown(_) | Kind::FromEnv(_) | Kind::Random(_) => {
                // `mod.register(...)`, `mod.HOSTS.append(...)` through an unidentified module.
                self.through_unidentified(frame, &callee);
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

    /// Whether `node` is a call of `globals`, `locals` or `vars`, as written.
    pub(in crate::eval) fn is_namespace_text(&self, frame: &Frame, node: Node<'p>) -> bool {
        node.kind_name() == "call"
            && matches!(
                node.field(Field::Function).map(|f| self.text(frame, f)),
                Some("globals" | "locals" | "vars")
            )
            && node
                .field(Field::Arguments)
                .is_some_and(|a| a.named_child_count() == 0)
    }

    /// Why a call may change the module namespace behind djsafe's back, if it may.
    pub(super) fn namespace_escape(
        &self,
        frame: &Frame,
        function: Node<'p>,
        call: Node<'p>,
    ) -> Option<String> {
        let is_namespace = |n: Node| self.is_namespace_text(frame, n);
        let receiver = function.field(Field::Object);
        if receiver.is_some_and(is_namespace) {
            return Some(format!(
                "`{}` at {}",
                self.text(frame, call),
                self.line(frame, call)
            ));
        }
        let arguments = call.field(Field::Arguments)?;
        let mut cursor = arguments.walk();
        // Positionally, or by keyword (`Registry(global_symbol_table=globals())`).
        let passes_namespace = arguments.named_children(&mut cursor).any(|argument| {
            is_namespace(argument)
                || (argument.kind_name() == "keyword_argument"
                    && argument.field(Field::Value).is_some_and(is_namespace))
        });
        let callee = self.text(frame, function);
        (passes_namespace && callee != "django_heroku.settings").then(|| {
            format!(
                "`{}` at {}, which is given the module namespace",
                self.text(frame, call),
                self.line(frame, call)
            )
        })
    }

    pub(in crate::eval) fn arguments(
        &mut self,
        frame: &mut Frame,
        node: Node<'p>,
    ) -> Result<Args, String> {
        let mut args = Args::default();
        let children = crate::eval::code_children(node);
        for child in children {
            match child.kind_name() {
                "keyword_argument" => {
                    let (Some(name), Some(value)) =
                        (child.field(Field::Name), child.field(Field::Value))
                    else {
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
                    let unpacked = if child.kind_name() == "list_splat" {
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

impl Run<'_> {
    /// `os.environ.get('HOSTS').split(',')` with `HOSTS` unset: `None` has no such method, so the
    /// import raises AttributeError and no server starts. Inside `try`/`except AttributeError`
    /// the handler runs; otherwise, as with `os.environ['HOSTS']`, a running deployment has the
    /// variable set, to a value the repository does not show. `None` for other receivers.
    fn method_on_unset(
        &mut self,
        frame: &Frame,
        receiver: &Value,
        method: &str,
        span: crate::source::Span,
    ) -> Option<Value> {
        if !matches!(receiver.kind, Kind::None) || receiver.env.is_empty() {
            return None;
        }
        let variables: Vec<&str> = receiver.env.iter().map(|v| &**v).collect();
        if frame.handles("AttributeError") {
            self.raised = Some("AttributeError");
            return Some(
                Value::unknown(format!("`.{method}()` on None raises AttributeError"), span)
                    .with_env(&receiver.env),
            );
        }
        Some(match variables.as_slice() {
            [variable] => Value::new(Kind::FromEnv((*variable).into()), span).with_env(&receiver.env),
            _ => Value::unknown(
                format!(
                    "`.{method}()` on None raises AttributeError when {} are unset, so a running server has some of them set",
                    variables.join(", ")
                ),
                span,
            )
            .with_env(&receiver.env),
        })
    }
}
