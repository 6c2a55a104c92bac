//! Calls to functions the project defines, evaluated by running their body on the arguments:
//! the small helpers settings use (`envbool`, `get_bool_from_env`) are pure functions of a few
//! statements. Bigger or stranger ones give up with a reason, as `Unknown`.

use std::rc::Rc;

use tree_sitter::Node;

use super::builtins::Args;
use super::value::{Function, Kind, Param, Value};
use super::{Exit, Frame, Namespace, Run};
use crate::source::Span;

/// Calls nested deeper than this are not followed (recursion ends here too).
pub const MAX_CALL_DEPTH: usize = 8;
/// A call that runs more statements than this (loops included) is not followed.
pub const MAX_CALL_STEPS: usize = 500;

impl<'p> Run<'p> {
    /// `def name(params): body` binds a function; defaults are evaluated now, as in Python.
    pub(super) fn define_function(&mut self, frame: &mut Frame, node: Node<'p>) {
        let Some(name) = node.child_by_field_name("name") else {
            return;
        };
        let mut params = Vec::new();
        if let Some(parameters) = node.child_by_field_name("parameters") {
            let mut cursor = parameters.walk();
            let children: Vec<Node<'p>> = parameters.named_children(&mut cursor).collect();
            for param in children {
                let (name_node, default) = match param.kind() {
                    "identifier" => (Some(param), None),
                    "typed_parameter" => (param.named_child(0), None),
                    "default_parameter" | "typed_default_parameter" => (
                        param.child_by_field_name("name"),
                        param.child_by_field_name("value"),
                    ),
                    "list_splat_pattern" | "dictionary_splat_pattern" => {
                        let inner = param.named_child(0);
                        if let Some(inner) = inner {
                            params.push(Param {
                                name: self.text(frame, inner).into(),
                                default: None,
                                variadic: true,
                            });
                        }
                        continue;
                    }
                    // `/` and `*` separators bind nothing.
                    _ => continue,
                };
                let Some(name_node) = name_node else { continue };
                let default = default.map(|d| self.expr(frame, d));
                params.push(Param {
                    name: self.text(frame, name_node).into(),
                    default,
                    variadic: false,
                });
            }
        }
        let function = Function {
            name: self.text(frame, name).into(),
            module: frame.module,
            start: node.start_byte(),
            end: node.end_byte(),
            params,
        };
        let site = self.span(frame, node);
        self.bind(
            frame,
            self.text(frame, name),
            Value::new(Kind::Function(Rc::new(function)), site),
            site,
        );
    }

    pub(super) fn call_function(
        &mut self,
        caller: &mut Frame,
        function: &Rc<Function>,
        args: &Args,
        span: Span,
    ) -> Value {
        let give_up = |why: String| {
            Value::unknown(
                format!("call to `{}` not followed: {why}", function.name),
                span,
            )
        };
        if self.call_depth >= MAX_CALL_DEPTH {
            return give_up(format!("calls nest deeper than {MAX_CALL_DEPTH}"));
        }
        let Some(body) = self.function_body(function) else {
            return give_up("its definition could not be found".into());
        };
        let locals = match bind_arguments(function, args) {
            Ok(locals) => locals,
            Err(why) => return give_up(why),
        };
        // The function's globals are its module's namespace: the caller's own while that module
        // is still running, the finished module's otherwise.
        let globals = if caller.module == function.module {
            let mut live = caller.ns.clone();
            if let Some(outer) = &caller.globals {
                for (k, v) in &outer.bindings {
                    live.bindings.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
            Rc::new(live)
        } else {
            self.module(function.module)
        };
        let mut frame = Frame {
            module: function.module,
            file: self.project.modules[function.module].file,
            ns: locals,
            control: caller.control.clone(),
            handled: Vec::new(),
            globals: Some(globals),
        };
        let outer_steps = self.call_steps;
        let outer_conditions = std::mem::take(&mut self.call_conditions);
        if self.call_depth == 0 {
            self.call_steps = 0;
        }
        self.call_depth += 1;
        let exit = self.block(&mut frame, body);
        self.call_depth -= 1;
        if self.call_depth == 0 {
            self.call_steps = outer_steps;
        }
        let conditions = std::mem::replace(&mut self.call_conditions, outer_conditions);
        self.call_conditions = super::value::union(&self.call_conditions, &conditions);
        match exit {
            Ok(()) => Value::new(Kind::None, span).with_env(&conditions),
            Err(Exit::Return(value)) => value.with_env(&conditions),
            Err(Exit::Exception(name)) => {
                // The exception goes on to the caller, whose `try` may catch it.
                self.raised = Some(name);
                give_up(format!("it raises {name}"))
            }
            Err(Exit::GaveUp(why)) => give_up(why),
        }
    }

    fn function_body(&self, function: &Function) -> Option<Node<'p>> {
        let root = self.project.modules[function.module].tree.root_node();
        let mut node = root.descendant_for_byte_range(function.start, function.end)?;
        while node.kind() != "function_definition" || node.start_byte() != function.start {
            node = node.parent()?;
        }
        node.child_by_field_name("body")
    }
}

/// Python's argument binding for the simple cases: positional, keyword, defaults.
fn bind_arguments(function: &Function, args: &Args) -> Result<Namespace, String> {
    if function.params.iter().any(|p| p.variadic) {
        return Err("it takes *args or **kwargs".into());
    }
    if args.positional.len() > function.params.len() {
        return Err("it is called with too many arguments".into());
    }
    let mut locals = Namespace::default();
    for (i, param) in function.params.iter().enumerate() {
        let keyword = args
            .keywords
            .iter()
            .find(|(k, _)| **k == *param.name)
            .map(|(_, v)| v);
        let value = args
            .positional
            .get(i)
            .or(keyword)
            .or(param.default.as_ref())
            .ok_or_else(|| format!("no value for its parameter `{}`", param.name))?;
        locals.bindings.insert(
            param.name.clone(),
            super::Binding {
                value: value.clone(),
                site: value.origin,
            },
        );
    }
    Ok(locals)
}
