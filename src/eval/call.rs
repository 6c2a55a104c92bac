//! Calls to functions the project defines, evaluated by running their body on the arguments:
//! the small helpers settings use (`envbool`, `get_bool_from_env`) are pure functions of a few
//! statements. Bigger or stranger ones give up with a reason, as `Unknown`.

use crate::syntax::{Field, NodeQueries};
use std::rc::Rc;

use tree_sitter::Node;

use super::value::Args;
use super::value::{Function, Kind, Param, ParamKind, Value};
use super::{Binding, Exit, Frame, Namespace, Run};
use crate::source::Span;

/// Calls nested deeper than this are not followed (recursion ends here too).
pub const MAX_CALL_DEPTH: usize = 8;
/// A call that runs more statements than this (loops included) is not followed.
pub const MAX_CALL_STEPS: usize = 500;

impl<'p> Run<'p> {
    /// `def name(params): body` binds a function; defaults are evaluated now, as in Python.
    pub(super) fn define_function(&mut self, frame: &mut Frame, node: Node<'p>) {
        let Some(name) = node.field(Field::Name) else {
            return;
        };
        let mut params = Vec::new();
        if let Some(parameters) = node.field(Field::Parameters) {
            let mut cursor = parameters.walk();
            let children: Vec<Node<'p>> = parameters.named_children(&mut cursor).collect();
            let mut keyword_only = false;
            for param in children {
                let (name_node, default) = match param.kind_name() {
                    "identifier" => (Some(param), None),
                    "typed_parameter" => (param.named_child(0), None),
                    "default_parameter" | "typed_default_parameter" => {
                        (param.field(Field::Name), param.field(Field::Value))
                    }
                    "list_splat_pattern" | "dictionary_splat_pattern" => {
                        let kind = if param.kind_name() == "list_splat_pattern" {
                            keyword_only = true;
                            ParamKind::VarPositional
                        } else {
                            ParamKind::VarKeyword
                        };
                        if let Some(inner) = param.named_child(0) {
                            params.push(Param {
                                name: self.text(frame, inner).into(),
                                default: None,
                                kind,
                            });
                        }
                        continue;
                    }
                    // A bare `*`: what follows is keyword-only.
                    "keyword_separator" => {
                        keyword_only = true;
                        continue;
                    }
                    // `/`: what came before is positional-only.
                    "positional_separator" => {
                        for p in params.iter_mut() {
                            p.kind = ParamKind::PositionalOnly;
                        }
                        continue;
                    }
                    _ => continue,
                };
                let Some(name_node) = name_node else { continue };
                let default = default.map(|d| self.expr(frame, d));
                params.push(Param {
                    name: self.text(frame, name_node).into(),
                    default,
                    kind: if keyword_only {
                        ParamKind::KeywordOnly
                    } else {
                        ParamKind::Positional
                    },
                });
            }
        }
        let function = Function {
            name: self.text(frame, name).into(),
            module: frame.module,
            start: node.start_byte(),
            end: node.end_byte(),
            params,
            closure: self.closure_of(frame, node),
            receiver: super::value::Receiver::Plain,
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
        // Taken first, so that no other call is handed it.
        let alias = self.next_alias.take();
        self.followed = false;
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
        // A classmethod reached through a class takes it first (`cls`).
        let with_class;
        let args = match &function.receiver {
            super::value::Receiver::Plain => args,
            super::value::Receiver::ClassMethod => {
                return give_up("a `@classmethod` called other than through its class".into());
            }
            super::value::Receiver::Class(class) => {
                with_class = Args {
                    positional: std::iter::once(class.clone())
                        .chain(args.positional.iter().cloned())
                        .collect(),
                    keywords: args.keywords.clone(),
                };
                &with_class
            }
        };
        let mut locals = match bind_arguments(function, args, span) {
            Ok(locals) => locals,
            Err(why) => return give_up(why),
        };
        let text = &self
            .project
            .sources
            .get(self.project.modules[function.module].file)
            .text();
        // `nonlocal` names belong to an enclosing function, whose frame djsafe does not keep: the
        // call is not followed, and the caller's names it may rebind are unknown.
        let nonlocal = super::stmt::declared_names(body, text, "nonlocal_statement");
        if !nonlocal.is_empty() {
            let reason = format!(
                "may be rebound by the call to `{}` at {}, which rebinds names of an enclosing scope (`nonlocal`) and is not followed",
                function.name,
                self.line_at(span)
            );
            for name in &nonlocal {
                if caller.ns.bindings.contains_key(name.as_str()) {
                    self.bind(caller, name, Value::unknown(reason.clone(), span), span);
                }
            }
            return give_up("it rebinds names of an enclosing scope (`nonlocal`)".into());
        }
        let global_names: Vec<Rc<str>> =
            super::stmt::declared_names(body, text, "global_statement")
                .into_iter()
                .map(Rc::from)
                .collect();
        if let Some(name) = global_names
            .iter()
            .find(|name| function.params.iter().any(|p| p.name == **name))
        {
            return give_up(format!(
                "its parameter `{name}` is declared global (a SyntaxError)"
            ));
        }
        // The function's globals are its module's namespace: the caller's own while that module
        // is still running, the finished module's otherwise. A caller that is itself a function
        // (or a class body) of that module passes its globals, not its locals: Python scopes
        // names where they are written, not where they are called from.
        let globals = if caller.module == function.module {
            match &caller.globals {
                None => Rc::new(caller.ns.clone()),
                Some(outer) => {
                    let mut live = (**outer).clone();
                    // The caller's `global` names live in its frame while it runs.
                    for name in &caller.global_names {
                        if let Some(binding) = caller.ns.bindings.get(name) {
                            live.bindings.insert(name.clone(), binding.clone());
                        }
                    }
                    Rc::new(live)
                }
            }
        } else {
            self.module(function.module)
        };
        // A nested function reads its enclosing functions' variables from its closure (bound as
        // its locals, so that a function it calls does not see them).
        // Calling a generator or coroutine function runs none of its body: that happens when
        // the object it returns is iterated or awaited, which djsafe does not follow. It is
        // not followed, so what its body may change (its arguments, `globals()`, `global`
        // names) is unknown, as for any call not followed to its end.
        let unfollowed = match runs_later(body) {
            Some(kind) => Some(format!(
                "it is {kind} function, whose body runs only when what it returns is used"
            )),
            None => self.enter_closure(function, body, &mut locals),
        };
        // A `global` name is the module's: the function starts from the module's binding.
        let declared: Vec<(Rc<str>, Option<Binding>)> = global_names
            .iter()
            .map(|name| (name.clone(), globals.bindings.get(name).cloned()))
            .collect();
        for (name, binding) in &declared {
            if let Some(binding) = binding {
                locals.bindings.insert(name.clone(), binding.clone());
            }
        }
        let mut frame = Frame {
            module: function.module,
            file: self.project.modules[function.module].file,
            ns: locals,
            control: caller.control.clone(),
            handled: Vec::new(),
            globals: Some(globals),
            global_names,
            namespace_alias: alias,
        };
        let outer_steps = self.call_steps;
        let outer_conditions = std::mem::take(&mut self.call_conditions);
        let outer_forks = std::mem::replace(&mut self.call_forks, self.forks);
        let writes = self.global_writes.len();
        if self.call_depth == 0 {
            self.call_steps = 0;
        }
        self.call_depth += 1;
        let exit = match unfollowed {
            Some(why) => Err(Exit::GaveUp(why)),
            None => self.block(&mut frame, body),
        };
        self.call_depth -= 1;
        if self.call_depth == 0 {
            self.call_steps = outer_steps;
        }
        let conditions = std::mem::replace(&mut self.call_conditions, outer_conditions);
        self.call_conditions = super::value::union(&self.call_conditions, &conditions);
        self.call_forks = outer_forks;
        let call = format!("the call to `{}` at {}", function.name, self.line_at(span));
        self.write_back_globals(&frame, &declared, &exit, body, &call, span);
        self.apply_global_writes(caller, writes, &call);
        // A function that writes `globals()` and was not followed to its end may have bound or
        // rebound any name: what its module has is then unknown, not what it was before.
        if matches!(exit, Err(Exit::GaveUp(_) | Exit::Exception(_)))
            && self
                .project
                .sources
                .get(self.project.modules[function.module].file)
                .text()[function.start..function.end]
                .contains("globals()")
            && caller.module == function.module
        {
            let reason = format!("{call}, which writes `globals()` and was not followed");
            for (name, binding) in caller.ns.bindings.iter_mut() {
                if crate::django_settings::is_setting_name(name) {
                    binding.value = Value::unknown(format!("may be rebound by {reason}"), span);
                }
            }
            caller.ns.opaque = Some(reason.into());
        }
        // A call not followed to its end may have changed what it was given, and the objects
        // its module's names hold that it changes (`INSTALLED_APPS.append(...)` in its body).
        if matches!(exit, Err(Exit::GaveUp(_) | Exit::Exception(_))) {
            let reason =
                format!("may be changed by {call}, which djsafe did not follow to its end");
            self.forget_arguments(caller, args, &reason);
            if let Some(body) = self.function_body(function) {
                let changed = super::stmt::used_names(
                    body,
                    self.project
                        .sources
                        .get(self.project.modules[function.module].file)
                        .text(),
                );
                let globals = self.module_names(caller, function.module);
                let values: Vec<Value> = changed
                    .iter()
                    .filter_map(|name| globals.bindings.get(name.as_str()).map(|b| b.value.clone()))
                    .collect();
                let control = caller.control.clone();
                self.forget_reachable(&values, &reason, &control);
            }
        }
        self.followed = matches!(exit, Ok(()) | Err(Exit::Return(_)));
        match exit {
            Ok(()) => Value::new(Kind::None, span).with_env(&conditions),
            Err(Exit::Return(value)) => {
                let inside = Span {
                    file: frame.file,
                    start: body.start_byte(),
                    end: body.end_byte(),
                };
                at_call(value, inside, span, MAX_REORIGIN_DEPTH).with_env(&conditions)
            }
            Err(Exit::Exception(name)) => {
                // The exception goes on to the caller, whose `try` may catch it.
                self.raised = Some(name);
                give_up(format!("it raises {name}"))
            }
            Err(Exit::GaveUp(why)) => give_up(why),
        }
    }

    pub(super) fn function_body(&self, function: &Function) -> Option<Node<'p>> {
        let root = self.project.tree(function.module).root_node();
        let mut node = root.descendant_for_byte_range(function.start, function.end)?;
        while node.kind_name() != "function_definition" || node.start_byte() != function.start {
            node = node.parent()?;
        }
        node.field(Field::Body)
    }
}

/// "a generator" when a function's body yields, "a coroutine" when it is `async def`: the call
/// returns an object and runs none of the body.
fn runs_later(body: Node) -> Option<&'static str> {
    let definition = body.parent()?;
    if definition
        .child(0)
        .is_some_and(|first| first.kind() == "async")
    {
        return Some("a coroutine");
    }
    let mut yields = Vec::new();
    super::stmt::targets::collect_nodes(body, &mut |n| n.kind() == "yield", &mut yields);
    // A `yield` of a nested function, lambda or class is not this function's.
    yields
        .iter()
        .any(|y| {
            let mut node = y.parent();
            while let Some(n) = node.filter(|n| n.id() != body.id()) {
                if matches!(
                    n.kind(),
                    "function_definition" | "lambda" | "class_definition"
                ) {
                    return false;
                }
                node = n.parent();
            }
            true
        })
        .then_some("a generator")
}

/// How deep [`at_call`] goes into the containers a call returns.
const MAX_REORIGIN_DEPTH: usize = 6;

/// A value a call returns, pointing at the call when it was computed in the function's `body`
/// (`return v == "True"` in a helper): the call is the line of the settings module that makes
/// the setting what it is, and the one its author can change. A value passed through from an
/// argument or a default parameter keeps its origin, the literal that was given. Containers the
/// function built (their own origin in its body) have their items pointed likewise, since a
/// rule may report one item (`'*'` in ALLOWED_HOSTS); changing an item's origin changes no
/// value, so the objects are updated in place.
fn at_call(mut value: Value, body: Span, call: Span, depth: usize) -> Value {
    let inside = |origin: Span| {
        origin.file == body.file && origin.start >= body.start && origin.end <= body.end
    };
    if !inside(value.origin) {
        return value;
    }
    value.origin = call;
    let Some(depth) = depth.checked_sub(1) else {
        return value;
    };
    let repoint = |v: &Value| at_call(v.clone(), body, call, depth);
    match &value.kind {
        Kind::Tuple(items) => {
            let items: Vec<Value> = items.iter().map(repoint).collect();
            value.kind = Kind::Tuple(Rc::new(items));
        }
        Kind::List(object) | Kind::Set(object) => {
            if let Some(items) = object.get() {
                object.set_state(Ok(items.iter().map(repoint).collect()));
            }
        }
        Kind::Dict(object) => {
            if let Some(pairs) = object.get() {
                object.set_state(Ok(pairs
                    .iter()
                    .map(|(k, v)| (repoint(k), repoint(v)))
                    .collect()));
            }
        }
        _ => {}
    }
    value
}

/// Python's argument binding: positional, keyword, keyword-only and defaults, extra positional
/// arguments into `*args` (a tuple) and extra keywords into `**kwargs` (a dict). Arguments Python
/// would reject give up, as do positional-only parameters.
fn bind_arguments(function: &Function, args: &Args, call: Span) -> Result<Namespace, String> {
    let params = &function.params;
    if params.iter().any(|p| p.kind == ParamKind::PositionalOnly) {
        return Err("it has positional-only parameters".into());
    }
    let mut locals = Namespace::default();
    let mut bind = |name: &Rc<str>, value: Value| {
        let site = value.origin;
        locals
            .bindings
            .insert(name.clone(), super::Binding { value, site });
    };
    let positional: Vec<&Param> = params
        .iter()
        .filter(|p| p.kind == ParamKind::Positional)
        .collect();
    let var_positional = params.iter().find(|p| p.kind == ParamKind::VarPositional);
    let var_keyword = params.iter().find(|p| p.kind == ParamKind::VarKeyword);
    if args.positional.len() > positional.len() && var_positional.is_none() {
        return Err("it is called with too many arguments".into());
    }
    let mut filled: Vec<Rc<str>> = Vec::new();
    for (param, value) in positional.iter().zip(&args.positional) {
        bind(&param.name, value.clone());
        filled.push(param.name.clone());
    }
    if let Some(star) = var_positional {
        let extra: Vec<Value> = args
            .positional
            .iter()
            .skip(positional.len())
            .cloned()
            .collect();
        bind(&star.name, Value::new(Kind::tuple(extra), call));
    }
    let mut extra_keywords = Vec::new();
    for (key, value) in &args.keywords {
        let target = params.iter().find(|p| {
            *p.name == **key && matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly)
        });
        match target {
            Some(param) if filled.contains(&param.name) => {
                return Err(format!("it is given `{key}` twice"));
            }
            Some(param) => {
                bind(&param.name, value.clone());
                filled.push(param.name.clone());
            }
            None if var_keyword.is_some() => {
                extra_keywords.push((Value::str(key, value.origin), value.clone()));
            }
            None => return Err(format!("it has no parameter `{key}`")),
        }
    }
    if let Some(star) = var_keyword {
        bind(
            &star.name,
            Value::new(Kind::Dict(super::value::Object::new(extra_keywords)), call),
        );
    }
    for param in params
        .iter()
        .filter(|p| matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly))
    {
        if !filled.contains(&param.name) {
            let default = param
                .default
                .clone()
                .ok_or_else(|| format!("no value for its parameter `{}`", param.name))?;
            bind(&param.name, default);
        }
    }
    Ok(locals)
}

/// `globals()[name] = value` run inside a function: it binds `name` in the function's module, which
/// is applied when the call returns to that module's code (see [`Run::write_global`]).
pub struct GlobalWrite {
    pub(super) module: usize,
    pub(super) name: Rc<str>,
    pub(super) value: Value,
    pub(super) site: Span,
    /// Written under a condition djsafe could not decide: the name may or may not be rebound.
    pub(super) conditional: bool,
}

impl<'p> Run<'p> {
    /// After a call returned to `caller`: the writes to the caller's module namespace it made
    /// (when the caller runs at that module's top level), and to finished modules.
    fn apply_global_writes(&mut self, caller: &mut Frame, mark: usize, reason: &str) {
        let mut pending = Vec::new();
        for write in self.global_writes.split_off(mark) {
            let value = if write.conditional {
                Value::unknown(
                    format!("may be set by `globals()[...]` in {reason}, under a condition djsafe cannot decide"),
                    write.site,
                )
                .with_env(&write.value.env)
            } else {
                write.value
            };
            if write.module == caller.module && caller.globals.is_none() {
                self.bind(caller, &write.name, value, write.site);
                continue;
            }
            // The caller is a function of the same module: a name it declares `global` is the
            // module's, which it writes back when it returns; any other is seen through its
            // globals from now on, and written when the calls return to module level.
            if write.module == caller.module {
                if caller.global_names.contains(&write.name) {
                    self.bind(caller, &write.name, value, write.site);
                    continue;
                }
                if let Some(globals) = caller.globals.as_mut() {
                    Rc::make_mut(globals).bindings.insert(
                        write.name.clone(),
                        super::Binding {
                            value: value.clone(),
                            site: write.site,
                        },
                    );
                }
            }
            // Another module's namespace is outside the branch djsafe is running both sides
            // of, so no join covers it: a write made on one side only is a maybe.
            let value = if self.forks > 0 && !value.is_unknown() {
                Value::unknown(
                    format!("may be set by `globals()[...]` in {reason}, under a condition djsafe cannot decide"),
                    write.site,
                )
                .with_env(&value.env)
            } else {
                value
            };
            if let Some(namespace) = self
                .modules
                .get_mut(&write.module)
                .filter(|_| write.module != caller.module)
            {
                Rc::make_mut(namespace).bindings.insert(
                    write.name.clone(),
                    super::Binding {
                        value,
                        site: write.site,
                    },
                );
            } else {
                pending.push(GlobalWrite { value, ..write });
            }
        }
        self.global_writes.extend(pending);
    }
}
