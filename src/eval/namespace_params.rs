//! A project function handed the module namespace (`populate_settings(env, globals())`,
//! `_harden(globals())`), followed with the parameter that receives it standing for the
//! caller's namespace: `target[name] = value`, `target.update(...)`, `target.setdefault(...)`
//! and `del target[name]` bind and unbind the caller's names when the call returns, and
//! `target[name]` / `target.get(name)` read them as they are at that point of the call.
//!
//! A function that uses the parameter any other way (hands it on, keeps it, iterates it,
//! reads it in a nested function), that writes names djsafe cannot read, or that djsafe does not
//! follow to its end may have bound any name: every name is then unknown, with the call as
//! the reason (see [`Run::namespace_rebound`]).

use std::rc::Rc;

use tree_sitter::Node;

use super::call::GlobalWrite;
use super::value::{Function, Kind, Receiver, Value};
use super::{Frame, Namespace, Run, code_children};
use crate::source::Span;

/// The parameters of a function call that hold a module's namespace.
pub(super) struct NamespaceAlias {
    /// The parameters, by name.
    pub names: Vec<Rc<str>>,
    /// The module whose namespace it is: the caller's.
    pub module: usize,
    /// That namespace when the call was made.
    pub snapshot: Rc<Namespace>,
    /// Where the writes made during the call start in `Run::global_writes`.
    pub mark: usize,
}

/// The methods of the namespace a followed function may call through the parameter.
const METHODS: &[&str] = &["update", "setdefault", "get"];

impl<'p> Run<'p> {
    /// The module whose namespace `node` is: `globals()` (the frame's module), or a parameter
    /// handed a namespace.
    pub(super) fn namespace_target(&self, frame: &Frame, node: Node<'p>) -> Option<usize> {
        if self.is_namespace_call(frame, node) {
            return Some(frame.module);
        }
        self.alias_of(frame, node).map(|alias| alias.module)
    }

    fn alias_of(&self, frame: &Frame, node: Node<'p>) -> Option<Rc<NamespaceAlias>> {
        let alias = frame.namespace_alias.as_ref()?;
        let name = self.text(frame, node);
        (node.kind() == "identifier" && alias.names.iter().any(|n| **n == *name))
            .then(|| alias.clone())
    }

    /// Binds `name` in `module`'s namespace: [`Run::write_global`] for the frame's own module;
    /// another module's (the caller's, through a parameter) when the call returns.
    pub(super) fn write_global_in(
        &mut self,
        frame: &mut Frame,
        module: usize,
        name: &str,
        value: Value,
        site: Span,
    ) {
        if module == frame.module {
            self.write_global(frame, name, value, site);
            return;
        }
        self.global_writes.push(GlobalWrite {
            module,
            name: name.into(),
            value: value.with_env(&frame.control),
            site,
            conditional: self.forks > self.call_forks,
        });
    }

    /// Names djsafe cannot list written to `module`'s namespace: [`Run::namespace_rebound`] for
    /// the frame's own module; for another's (through a parameter), every name of the caller's
    /// becomes unknown when the call returns.
    pub(super) fn namespace_rebound_in(&mut self, frame: &mut Frame, module: usize, what: &str) {
        if module == frame.module {
            self.namespace_rebound(frame, what);
        } else {
            self.alias_failure.get_or_insert_with(|| what.to_string());
        }
    }

    /// `helper(..., globals(), ...)` where `helper` is a project function that uses the
    /// parameter given the namespace only as [`handed_uses`] allows: the call followed with the
    /// parameter standing for the namespace. `None` when it cannot be (the caller then makes
    /// every name unknown); afterwards, when it was not followed to its end, every name is
    /// unknown with `reason` (the call) and why.
    pub(super) fn call_handed_namespace(
        &mut self,
        frame: &mut Frame,
        function: Node<'p>,
        call: Node<'p>,
        reason: &str,
    ) -> Option<Value> {
        let arguments = call
            .child_by_field_name("arguments")
            .filter(|a| a.kind() == "argument_list")?;
        if !matches!(function.kind(), "identifier" | "attribute") {
            return None;
        }
        // Which arguments are the namespace, by position or keyword.
        let mut positions = Vec::new();
        let mut keywords = Vec::new();
        let mut index = 0;
        for argument in code_children(arguments) {
            match argument.kind() {
                "keyword_argument" => {
                    let value = argument.child_by_field_name("value")?;
                    if self.is_namespace_text(frame, value) {
                        if !self.is_namespace_call(frame, value) {
                            return None;
                        }
                        let name = argument.child_by_field_name("name")?;
                        keywords.push(self.text(frame, name).to_string());
                    }
                }
                "list_splat" | "dictionary_splat" => return None,
                _ => {
                    if self.is_namespace_text(frame, argument) {
                        if !self.is_namespace_call(frame, argument) {
                            return None;
                        }
                        positions.push(index);
                    }
                    index += 1;
                }
            }
        }
        let callee = self.expr(frame, function);
        let Kind::Function(target) = &callee.kind else {
            return None;
        };
        let target = target.clone();
        let names = handed_parameters(&target, &positions, &keywords)?;
        let body = self.function_body(&target)?;
        let text = self
            .project
            .sources
            .get(self.project.modules[target.module].file)
            .text();
        let reads = handed_uses(body, text, &names)?;
        // A `global` name lives in the function's frame while it runs, where a read through
        // the parameter would not see it.
        if reads && !super::stmt::declared_names(body, text, "global_statement").is_empty() {
            return None;
        }
        let args = self.arguments(frame, arguments).ok()?;
        for arg in args
            .positional
            .iter()
            .chain(args.keywords.iter().map(|(_, v)| v))
        {
            self.through_unidentified(frame, arg);
        }
        let snapshot = match &frame.globals {
            None => Rc::new(frame.ns.clone()),
            Some(outer) => {
                let mut live = (**outer).clone();
                for name in &frame.global_names {
                    if let Some(binding) = frame.ns.bindings.get(name) {
                        live.bindings.insert(name.clone(), binding.clone());
                    }
                }
                Rc::new(live)
            }
        };
        let outer_failure = self.alias_failure.take();
        self.next_alias = Some(Rc::new(NamespaceAlias {
            names,
            module: frame.module,
            snapshot,
            mark: self.global_writes.len(),
        }));
        let span = self.span(frame, call);
        let value = self.call_function(frame, &target, &args, span);
        self.next_alias = None;
        let failure = std::mem::replace(&mut self.alias_failure, outer_failure);
        if !self.followed || failure.is_some() {
            let why = failure
                .or_else(|| value.unknown_reason().map(|r| r.to_string()))
                .unwrap_or_else(|| "it was not followed to its end".into());
            self.namespace_rebound(frame, &format!("{reason} ({why})"));
        }
        Some(value)
    }

    /// `target.get(...)`, `target.setdefault(...)` and `target.update(...)` through a parameter
    /// handed a namespace. `None` for any other call.
    pub(super) fn alias_method(
        &mut self,
        frame: &mut Frame,
        function: Node<'p>,
        call: Node<'p>,
    ) -> Option<Value> {
        let receiver = function
            .child_by_field_name("object")
            .filter(|_| function.kind() == "attribute")?;
        let alias = self.alias_of(frame, receiver)?;
        let method = self.text(frame, function.child_by_field_name("attribute")?);
        let span = self.span(frame, call);
        let what = format!("`{}` at {}", self.text(frame, call), self.line(frame, call));
        if method == "update" {
            if let Some(value) = self.namespace_method(frame, function, call) {
                return Some(value);
            }
            self.namespace_rebound_in(frame, alias.module, &what);
            return Some(Value::new(Kind::None, span));
        }
        let args = call
            .child_by_field_name("arguments")
            .filter(|a| a.kind() == "argument_list")
            .and_then(|arguments| self.arguments(frame, arguments).ok());
        let (key, default) = match args
            .as_ref()
            .map(|a| (a.positional.as_slice(), &a.keywords))
        {
            Some(([key], keywords)) if keywords.is_empty() => {
                (key.clone(), Value::new(Kind::None, span))
            }
            Some(([key, default], keywords)) if keywords.is_empty() => {
                (key.clone(), default.clone())
            }
            _ => {
                self.namespace_rebound_in(frame, alias.module, &what);
                return Some(Value::unknown(
                    format!("{what}, which djsafe cannot read"),
                    span,
                ));
            }
        };
        let Some(name) = key.as_str().map(str::to_string) else {
            self.namespace_rebound_in(frame, alias.module, &what);
            return Some(Value::unknown(
                format!("{what}, whose name djsafe cannot read"),
                span,
            ));
        };
        let current = self.alias_read(frame, &alias, &name, span);
        Some(match (method, current) {
            (_, Some(value)) => value,
            ("setdefault", None) => {
                self.write_global_in(frame, alias.module, &name, default.clone(), span);
                default
            }
            _ => default,
        })
    }

    /// `target[name]` through a parameter handed a namespace: the name's value (KeyError when
    /// the namespace lacks it). `None` when `object` is not such a parameter.
    pub(super) fn alias_subscript(
        &mut self,
        frame: &mut Frame,
        object: Node<'p>,
        key: Node<'p>,
        node: Node<'p>,
    ) -> Option<Value> {
        let alias = self.alias_of(frame, object)?;
        let key = self.expr(frame, key);
        let span = self.span(frame, node);
        let what = format!("`{}` at {}", self.text(frame, node), self.line(frame, node));
        let Some(name) = key.as_str().map(str::to_string) else {
            // Any of the names' objects, changed through it where djsafe cannot see.
            self.namespace_rebound_in(frame, alias.module, &what);
            return Some(Value::unknown(
                format!("{what}, whose name djsafe cannot read"),
                span,
            ));
        };
        Some(match self.alias_read(frame, &alias, &name, span) {
            Some(value) => value,
            None => {
                if frame.handles("KeyError") {
                    self.raised = Some("KeyError");
                } else {
                    // The call raises KeyError: the import stops there in Python.
                    self.alias_failure
                        .get_or_insert_with(|| format!("{what} raises KeyError"));
                }
                Value::unknown(format!("{what} raises KeyError"), span)
            }
        })
    }

    /// `del target[name]` (or `del globals()[name]`): the name is gone at module level, unknown
    /// when written from a call. False when `object` is not a namespace.
    pub(super) fn delete_namespace_item(
        &mut self,
        frame: &mut Frame,
        object: Node<'p>,
        key: Node<'p>,
        target: Node<'p>,
    ) -> bool {
        let Some(module) = self.namespace_target(frame, object) else {
            return false;
        };
        let key = self.expr(frame, key);
        let site = self.span(frame, target);
        let what = format!(
            "`del {}` at {}",
            self.text(frame, target),
            self.line(frame, target)
        );
        match key.as_str() {
            Some(name) if module == frame.module && frame.globals.is_none() => {
                frame.ns.bindings.remove(name);
            }
            Some(name) => {
                let gone = Value::unknown(format!("deleted by {what}"), site);
                self.write_global_in(frame, module, name, gone, site);
            }
            None => self.namespace_rebound_in(
                frame,
                module,
                &format!("{what}, whose name djsafe cannot read"),
            ),
        }
        true
    }

    /// A statement djsafe does not evaluate that uses a parameter handed a namespace: it may
    /// write any name.
    pub(super) fn alias_not_evaluated(&mut self, frame: &mut Frame, node: Node<'p>, why: &str) {
        let Some(alias) = frame.namespace_alias.clone() else {
            return;
        };
        let mut uses = Vec::new();
        let text = self.project.sources.get(frame.file).text();
        super::stmt::targets::collect_nodes(
            node,
            &mut |n| {
                n.kind() == "identifier" && alias.names.iter().any(|a| **a == text[n.byte_range()])
            },
            &mut uses,
        );
        if let Some(first) = uses.first() {
            let what = format!(
                "`{}` at {}, in code djsafe does not evaluate ({why})",
                self.text(frame, *first),
                self.line(frame, *first)
            );
            self.namespace_rebound_in(frame, alias.module, &what);
        }
    }

    /// What `name` is in the namespace a parameter holds, now: the last write the call made,
    /// else what it was when the call was made. `None` when it is not there.
    fn alias_read(
        &self,
        frame: &Frame,
        alias: &NamespaceAlias,
        name: &str,
        span: Span,
    ) -> Option<Value> {
        // A name the function declares `global` lives in its frame while it runs.
        if alias.module == frame.module && frame.global_names.iter().any(|g| **g == *name) {
            return frame.ns.bindings.get(name).map(|b| b.value.clone());
        }
        let written = self
            .global_writes
            .get(alias.mark..)
            .unwrap_or_default()
            .iter()
            .rev()
            .find(|write| write.module == alias.module && *write.name == *name);
        if let Some(write) = written {
            return Some(if write.conditional {
                Value::unknown(
                    format!("`{name}` may be set under a condition djsafe cannot decide"),
                    span,
                )
            } else {
                write.value.clone()
            });
        }
        match alias.snapshot.bindings.get(name) {
            Some(binding) => Some(binding.value.clone()),
            None => alias
                .snapshot
                .opaque
                .as_ref()
                .map(|why| Value::unknown(format!("`{name}` may be bound by {why}"), span)),
        }
    }
}

/// The parameters the namespace arguments bind, as Python binds them: the `positions`-th of
/// the positional parameters and the keyword ones by name. `None` when one lands in `*args` or
/// `**kwargs` or nowhere, or the function is a method.
fn handed_parameters(
    function: &Function,
    positions: &[usize],
    keywords: &[String],
) -> Option<Vec<Rc<str>>> {
    if !matches!(function.receiver, Receiver::Plain) {
        return None;
    }
    let positional: Vec<&super::value::Param> = function
        .params
        .iter()
        .filter(|p| p.kind == super::value::ParamKind::Positional)
        .collect();
    let mut names = Vec::new();
    for &position in positions {
        names.push(positional.get(position)?.name.clone());
    }
    for keyword in keywords {
        let param = function.params.iter().find(|p| {
            *p.name == **keyword
                && matches!(
                    p.kind,
                    super::value::ParamKind::Positional | super::value::ParamKind::KeywordOnly
                )
        })?;
        names.push(param.name.clone());
    }
    (!names.is_empty()).then_some(names)
}

/// Whether every use of the parameters `names` in `body` is one djsafe follows: `p[k]` (read,
/// written, deleted), `p.update(...)`, `p.setdefault(...)`, `p.get(...)`, none inside a nested
/// function, lambda or class. `Some(true)` when some of them read the namespace; `None` when a
/// use is another (`registry.append(p)`, `for k in p`, `q = p`, `p = {}`).
fn handed_uses(body: Node, text: &str, names: &[Rc<str>]) -> Option<bool> {
    let mut uses = Vec::new();
    super::stmt::targets::collect_nodes(
        body,
        &mut |n| n.kind() == "identifier" && names.iter().any(|a| **a == text[n.byte_range()]),
        &mut uses,
    );
    let mut reads = false;
    for node in uses {
        let mut ancestor = node.parent();
        while let Some(a) = ancestor.filter(|a| a.id() != body.id()) {
            if matches!(
                a.kind(),
                "function_definition" | "lambda" | "class_definition"
            ) {
                return None;
            }
            ancestor = a.parent();
        }
        let parent = node.parent()?;
        let is = |field: &str| parent.child_by_field_name(field).map(|c| c.id()) == Some(node.id());
        match parent.kind() {
            "subscript" if is("value") => {
                reads |= !is_written(parent);
            }
            "attribute" if is("object") => {
                let method = parent.child_by_field_name("attribute")?;
                // Called, not taken as a value (`getter = p.get`).
                let called = parent.parent().is_some_and(|c| {
                    c.kind() == "call"
                        && c.child_by_field_name("function").map(|f| f.id()) == Some(parent.id())
                });
                if !called {
                    return None;
                }
                let method = &text[method.byte_range()];
                if !METHODS.contains(&method) {
                    return None;
                }
                reads |= method != "update";
            }
            _ => return None,
        }
    }
    Some(reads)
}

/// Whether a subscript is only written (an assignment's target, `del`), not read.
fn is_written(subscript: Node) -> bool {
    let mut node = subscript;
    while let Some(parent) = node.parent() {
        match parent.kind() {
            "pattern_list" | "tuple_pattern" | "list_pattern" | "expression_list" => node = parent,
            "assignment" => {
                return parent.child_by_field_name("left").map(|l| l.id()) == Some(node.id());
            }
            "delete_statement" => return true,
            _ => return false,
        }
    }
    false
}
