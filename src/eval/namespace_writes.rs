//! Writes to a module's namespace as a dict: `globals()[name] = value`, `globals().update(...)`
//! and `globals().setdefault(...)` at a module's top level or inside its functions, and
//! `globals().update(vars(module))` copying another module's names.

use std::rc::Rc;

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use super::call::GlobalWrite;
use super::value::{Kind, Value};
use super::{Frame, Run};
use crate::source::Span;

impl<'p> Run<'p> {
    /// Whether `node` is `globals()` (or `locals()`/`vars()` at module level), the module's
    /// namespace as a dict.
    pub(super) fn is_namespace_call(&self, frame: &Frame, node: Node<'p>) -> bool {
        let Some(function) = node
            .field(Field::Function)
            .filter(|_| node.kind_name() == "call")
        else {
            return false;
        };
        let name = self.text(frame, function);
        let empty = node
            .field(Field::Arguments)
            .is_some_and(|a| a.named_child_count() == 0);
        let shadowed = frame.ns.bindings.contains_key(name);
        empty
            && !shadowed
            && (name == "globals" || (frame.globals.is_none() && matches!(name, "locals" | "vars")))
    }

    /// Binds `name` in the module whose code runs in `frame`: directly at module level; from a
    /// function, when the call returns.
    pub(super) fn write_global(&mut self, frame: &mut Frame, name: &str, value: Value, site: Span) {
        if frame.globals.is_none() {
            self.bind(frame, name, value, site);
            return;
        }
        let conditional = self.forks > self.call_forks;
        // The function reads its module's names from its globals: it sees the write at once
        // (`globals()['X'] = 2; return X` returns 2), as a maybe when made under a condition.
        if let Some(globals) = frame.globals.as_mut() {
            let seen = if conditional {
                Value::unknown(
                    format!(
                        "`{name}` may be set by `globals()[...]` under a condition djsafe cannot decide"
                    ),
                    site,
                )
            } else {
                value.clone()
            };
            let binding = super::Binding {
                value: seen.with_env(&frame.control),
                site,
            };
            // A name it declares `global` lives in its frame while it runs.
            if frame.global_names.iter().any(|g| **g == *name) {
                frame.ns.bindings.insert(name.into(), binding.clone());
            }
            Rc::make_mut(globals).bindings.insert(name.into(), binding);
        }
        self.global_writes.push(GlobalWrite {
            module: frame.module,
            name: name.into(),
            value: value.with_env(&frame.control),
            site,
            conditional,
        });
    }

    /// `globals().update(...)` / `globals().setdefault(...)` with arguments djsafe can read: the
    /// names they bind. `None` for any other call.
    pub(super) fn namespace_method(
        &mut self,
        frame: &mut Frame,
        function: Node<'p>,
        call: Node<'p>,
    ) -> Option<Value> {
        let receiver = function.child_by_field_name("object")?;
        let method = self.text(frame, function.child_by_field_name("attribute")?);
        let module = self.namespace_target(frame, receiver)?;
        if function.kind() != "attribute" || !matches!(method, "update" | "setdefault") {
            return None;
        }
        let span = self.span(frame, call);
        let arguments = call
            .field(Field::Arguments)
            .filter(|a| a.kind_name() == "argument_list")?;
        // `globals().update(vars(conf))`, `globals().update(conf.__dict__)`: every name of a
        // project module, underscored ones too.
        let holder = match method {
            "update" => self.module_dict_argument(frame, arguments),
            _ => None,
        };
        if let Some(holder) = &holder
            && !matches!(holder.kind, Kind::Module(_))
        {
            return self.unknown_update(frame, module, call);
        }
        if let Some(Kind::Module(index)) = holder.map(|h| h.kind) {
            // The attributes Python gives every module come first (`__name__` is then the other
            // module's: `sys.modules[__name__]` afterwards finds it), then the module's names.
            let source = &self.project.modules[index];
            let (name, file) = (
                source.name.clone(),
                self.project
                    .sources
                    .get(source.file)
                    .path
                    .to_string_lossy()
                    .into_owned(),
            );
            self.write_global_in(frame, module, "__name__", Value::str(&name, span), span);
            self.write_global_in(frame, module, "__file__", Value::str(&file, span), span);
            for dunder in [
                "__doc__",
                "__package__",
                "__spec__",
                "__loader__",
                "__cached__",
            ] {
                let reason = format!("`{dunder}` of `{name}`, which djsafe does not model");
                self.write_global_in(frame, module, dunder, Value::unknown(reason, span), span);
            }
            let names = self.module_names(frame, index);
            for (name, binding) in &names.bindings {
                self.write_global_in(frame, module, name, binding.value.clone(), span);
            }
            // Names djsafe did not evaluate (a module it only partly loaded, or whose names it
            // cannot tell) are copied too.
            if names.opaque.is_some() || self.project.modules[index].kept.is_some() {
                let reason = format!("`{}` at {}", self.text(frame, call), self.line(frame, call));
                if module == frame.module {
                    frame.ns.opaque.get_or_insert_with(|| reason.into());
                } else {
                    self.alias_failure.get_or_insert(reason);
                }
            }
            return Some(Value::new(Kind::None, span));
        }
        let args = self.arguments(frame, arguments).ok()?;
        let writes: Vec<(Value, Value)> = match method {
            "update" => {
                let mut pairs = match args.positional.as_slice() {
                    [] => Vec::new(),
                    // A mapping djsafe cannot list (built from `os.environ`, whose variables
                    // are more than a scenario sets; a file; a call): any name may be rebound.
                    [dict] => match dict.pairs() {
                        Some(pairs) => pairs,
                        None => return self.unknown_update(frame, module, call),
                    },
                    _ => return None,
                };
                pairs.extend(
                    args.keywords
                        .iter()
                        .map(|(k, v)| (Value::str(k, span), v.clone())),
                );
                pairs
            }
            _ => match args.positional.as_slice() {
                [key, value]
                    if key.as_str().is_some_and(|k| {
                        !frame.ns.bindings.contains_key(k)
                            && !frame
                                .globals
                                .as_ref()
                                .is_some_and(|g| g.bindings.contains_key(k))
                    }) =>
                {
                    vec![(key.clone(), value.clone())]
                }
                _ => return None,
            },
        };
        if writes.iter().any(|(k, _)| k.as_str().is_none()) {
            return self.unknown_update(frame, module, call);
        }
        for (key, value) in writes {
            let name = key.as_str().unwrap_or_default().to_string();
            self.write_global_in(frame, module, &name, value, span);
        }
        Some(Value::new(Kind::None, span))
    }

    /// `globals().update(m)` where djsafe cannot list `m` (a module it cannot identify, a
    /// mapping built from `os.environ`, a file, a call): any name may be rebound or added. The
    /// call is then evaluated as done (`None`), its names unknown ([`Run::namespace_rebound`]).
    fn unknown_update(
        &mut self,
        frame: &mut Frame,
        module: usize,
        call: Node<'p>,
    ) -> Option<Value> {
        let what = format!(
            "`{}` at {}, whose names djsafe does not know",
            self.text(frame, call),
            self.line(frame, call)
        );
        self.namespace_rebound_in(frame, module, &what);
        Some(Value::new(Kind::None, self.span(frame, call)))
    }

    /// A write to the namespace of the module whose code runs in `frame` under names djsafe
    /// cannot list (`globals().update(m)`, `globals()[k] = v` with `k` unknown, such writes in
    /// a loop it cannot unroll): every name bound so far may be rebound, so each becomes unknown
    /// (libraries, modules, functions and classes kept, as [`Run::forget_module_names`] keeps
    /// them), and names it does not bind may be defined by it. From a function, the module's
    /// names (those the call already wrote too) become unknown when its code runs again, or now
    /// when it has finished.
    /// `what` describes the write: "`globals().update(m)` at settings.py:12, whose ...".
    pub(super) fn namespace_rebound(&mut self, frame: &mut Frame, what: &str) {
        let reason: std::rc::Rc<str> = format!("may be rebound by {what}").into();
        let opaque: std::rc::Rc<str> = what.into();
        if frame.globals.is_none() {
            super::unidentified::forget_bindings(&mut frame.ns, &reason);
            frame.ns.opaque.get_or_insert(opaque);
            return;
        }
        for write in self
            .global_writes
            .iter_mut()
            .filter(|write| write.module == frame.module && !write.value.is_unknown())
        {
            write.value = Value::unknown(reason.to_string(), write.site).with_env(&write.value.env);
        }
        if let Some(globals) = frame.globals.as_mut() {
            let globals = std::rc::Rc::make_mut(globals);
            super::unidentified::forget_bindings(globals, &reason);
            globals.opaque.get_or_insert(opaque);
        }
        self.forget_module_names(frame.module, &reason);
    }

    /// The value whose namespace the only argument is (`vars(conf)`, `conf.__dict__`).
    fn module_dict_argument(&mut self, frame: &mut Frame, arguments: Node<'p>) -> Option<Value> {
        let argument = match super::code_children(arguments).as_slice() {
            [argument] => *argument,
            _ => return None,
        };
        let holder = match argument.kind_name() {
            "call"
                if argument
                    .field(Field::Function)
                    .is_some_and(|f| self.text(frame, f) == "vars") =>
            {
                let args = argument.field(Field::Arguments)?;
                match super::code_children(args).as_slice() {
                    [holder] if holder.kind_name() != "keyword_argument" => *holder,
                    _ => return None,
                }
            }
            "attribute"
                if argument
                    .field(Field::Attribute)
                    .is_some_and(|a| self.text(frame, a) == "__dict__") =>
            {
                argument.field(Field::Object)?
            }
            _ => return None,
        };
        Some(self.expr(frame, holder))
    }
}
