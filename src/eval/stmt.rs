//! Statements: assignments, imports and control flow.

use std::rc::Rc;

use tree_sitter::Node;

use super::mutation::forget_objects_of;
use super::value::{Args, EnvDeps, Kind, Value, union};
use super::{Binding, Exit, Frame, Namespace, OptionalImport, Run};
use crate::diagnostic::DiagnosticKind;
use crate::resolve::Target;
use crate::source::Span;

/// `for` loops over known sequences are unrolled up to this many iterations.
pub(super) const MAX_UNROLLED_ITERATIONS: usize = 64;

impl<'p> Run<'p> {
    pub(super) fn span(&self, frame: &Frame, node: Node) -> Span {
        Span {
            file: frame.file,
            start: node.start_byte(),
            end: node.end_byte(),
        }
    }

    pub(super) fn text(&self, frame: &Frame, node: Node) -> &'p str {
        &self.project.sources.get(frame.file).text[node.byte_range()]
    }

    pub(super) fn line(&self, frame: &Frame, node: Node) -> String {
        let file = self.project.sources.get(frame.file);
        format!("{}:{}", file.display, file.position(node.start_byte()).line)
    }

    /// Runs the statements of a module or block, stopping at the first exception.
    pub(super) fn block(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let mut cursor = node.walk();
        let statements: Vec<Node<'p>> = node.named_children(&mut cursor).collect();
        for statement in statements {
            let result = self.statement(frame, statement);
            // At module level, go on after an exception (see `Run::module`).
            if result.is_err() && node.parent().is_some() {
                return result;
            }
        }
        Ok(())
    }

    fn statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let result = self.statement_kind(frame, node);
        match self.raised.take() {
            Some(exception) if result.is_ok() => Err(Exit::Exception(exception)),
            _ => result,
        }
    }

    fn statement_kind(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        if self.call_depth > 0 {
            self.call_steps += 1;
            if self.call_steps > super::call::MAX_CALL_STEPS {
                return Err(Exit::GaveUp(format!(
                    "the call runs more than {} statements",
                    super::call::MAX_CALL_STEPS
                )));
            }
        }
        match node.kind() {
            "expression_statement" => {
                let mut cursor = node.walk();
                let children: Vec<Node<'p>> = node.named_children(&mut cursor).collect();
                for child in children {
                    match child.kind() {
                        "assignment" => self.assignment(frame, child),
                        "augmented_assignment" => self.augmented_assignment(frame, child),
                        _ => {
                            self.expr(frame, child);
                        }
                    }
                }
                Ok(())
            }
            "import_statement" => self.import(frame, node),
            "import_from_statement" => self.import_from(frame, node),
            "if_statement" => self.if_statement(frame, node),
            "try_statement" => self.try_statement(frame, node),
            "for_statement" => self.for_statement(frame, node),
            "with_statement" => {
                self.invalidate_with_targets(frame, node);
                match node.child_by_field_name("body") {
                    Some(body) => self.block(frame, body),
                    None => Ok(()),
                }
            }
            "while_statement" if self.call_depth > 0 => {
                Err(Exit::GaveUp("it has a `while` loop".into()))
            }
            "match_statement" => self.match_statement(frame, node),
            "while_statement" => {
                let reason = format!(
                    "assigned inside a `{}` statement at {}, which djsafe does not evaluate",
                    &node.kind()[..node.kind().len() - "_statement".len()],
                    self.line(frame, node)
                );
                self.invalidate(frame, node, &reason);
                Ok(())
            }
            "function_definition" | "class_definition" => {
                self.define(frame, node);
                Ok(())
            }
            "decorated_definition" => {
                if let Some(definition) = node.child_by_field_name("definition") {
                    self.define(frame, definition);
                }
                Ok(())
            }
            "return_statement" => {
                let value = match node.named_child(0) {
                    Some(expression) => self.expr(frame, expression),
                    None => Value::new(Kind::None, self.span(frame, node)),
                };
                Err(Exit::Return(value))
            }
            "raise_statement" => Err(Exit::Exception("Exception")),
            "global_statement" | "nonlocal_statement" if self.call_depth > 0 => {
                Err(Exit::GaveUp(format!(
                    "the function rebinds module names (`{}`)",
                    self.text(frame, node)
                )))
            }
            "delete_statement" => {
                let mut cursor = node.walk();
                let targets: Vec<Node> = node.named_children(&mut cursor).collect();
                for target in targets.iter().flat_map(|t| {
                    if t.kind() == "expression_list" {
                        let mut c = t.walk();
                        t.named_children(&mut c).collect()
                    } else {
                        vec![*t]
                    }
                }) {
                    if target.kind() == "identifier" {
                        frame.ns.bindings.remove(self.text(frame, target));
                    } else if target.kind() == "subscript"
                        && let (Some(object), Some(key)) = (
                            target.child_by_field_name("value"),
                            target.child_by_field_name("subscript"),
                        )
                    {
                        let container = self.expr(frame, object);
                        let key = self.expr(frame, key);
                        self.delete_item(frame, &container, &key);
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// A `def` or `class` binds a name whose calls djsafe does not evaluate.
    fn define(&mut self, frame: &mut Frame, node: Node<'p>) {
        if node.kind() == "function_definition" {
            self.define_function(frame, node);
            return;
        }
        if node.kind() == "class_definition" {
            self.define_class(frame, node);
            return;
        }
        if let Some(name) = node.child_by_field_name("name") {
            let what = if node.kind() == "class_definition" {
                "class"
            } else {
                "function"
            };
            let reason = format!(
                "`{}` is a {what} defined at {}; djsafe does not evaluate calls to it",
                self.text(frame, name),
                self.line(frame, node)
            );
            let site = self.span(frame, node);
            self.bind(
                frame,
                self.text(frame, name),
                Value::unknown(reason, site),
                site,
            );
        }
    }

    pub(super) fn bind(&mut self, frame: &mut Frame, name: &str, value: Value, site: Span) {
        let value = value.with_env(&frame.control);
        frame
            .ns
            .bindings
            .insert(name.into(), Binding { value, site });
    }

    fn assignment(&mut self, frame: &mut Frame, node: Node<'p>) {
        // `a = b = value` nests: collect the targets, evaluate the innermost value once.
        let site = self.span(frame, node);
        let mut targets = Vec::new();
        let mut current = node;
        loop {
            if let Some(left) = current.child_by_field_name("left") {
                targets.push(left);
            }
            match current.child_by_field_name("right") {
                Some(right) if right.kind() == "assignment" => current = right,
                Some(right) => {
                    let value = self.expr(frame, right);
                    for target in targets {
                        self.assign(frame, target, value.clone(), site);
                    }
                    return;
                }
                // An annotation without a value binds nothing.
                None => return,
            }
        }
    }

    pub(super) fn assign(&mut self, frame: &mut Frame, target: Node<'p>, value: Value, site: Span) {
        match target.kind() {
            "identifier" => self.bind(frame, self.text(frame, target), value, site),
            "pattern_list" | "tuple_pattern" | "list_pattern" | "tuple" | "list"
            | "expression_list" => {
                let targets = super::code_children(target);
                let items = value.items().filter(|items| {
                    items.len() == targets.len()
                        && !targets.iter().any(|t| t.kind() == "list_splat_pattern")
                });
                match items {
                    Some(items) => {
                        for (t, item) in targets.into_iter().zip(items) {
                            self.assign(frame, t, item.with_env(&value.env), site);
                        }
                    }
                    None => {
                        let reason = format!(
                            "unpacked from `{}`, which djsafe cannot split into items",
                            self.text(
                                frame,
                                target
                                    .parent()
                                    .and_then(|p| p.child_by_field_name("right"))
                                    .unwrap_or(target)
                            )
                        );
                        for t in targets {
                            let unknown =
                                Value::unknown(reason.clone(), value.origin).with_env(&value.env);
                            self.assign(frame, t, unknown, site);
                        }
                    }
                }
            }
            "parenthesized_expression" => {
                if let Some(inner) = target.named_child(0) {
                    self.assign(frame, inner, value, site);
                }
            }
            "subscript" => self.assign_subscript(frame, target, value, site),
            // Attributes of objects (`sys.path`, `logging.x`) are not settings.
            _ => {}
        }
    }

    fn assign_subscript(&mut self, frame: &mut Frame, target: Node<'p>, value: Value, site: Span) {
        let Some(object) = target.child_by_field_name("value") else {
            return;
        };
        let Some(key_node) = target.child_by_field_name("subscript") else {
            return;
        };
        let key = self.expr(frame, key_node);
        // `globals()[name] = value` binds a module name.
        if self.is_namespace_call(frame, object) {
            match key.as_str() {
                Some(name) => self.write_global(frame, name, value, site),
                None => {
                    let reason = format!(
                        "`{}` at {}, whose name djsafe cannot read",
                        self.text(frame, target),
                        self.line(frame, target)
                    );
                    frame.ns.opaque = Some(reason.into());
                }
            }
            return;
        }
        let container = self.expr(frame, object);
        if let Kind::External(path) = &container.kind {
            if &**path == "os.environ"
                && let Some(name) = key.as_str()
            {
                self.env
                    .insert(name.to_string(), value.as_str().map(str::to_string));
                self.env_writes.push(super::EnvWrite {
                    var: name.into(),
                    value: value.with_env(&frame.control),
                    span: site,
                });
            }
            return;
        }
        self.set_item(frame, &container, &key, value, self.span(frame, target));
    }

    fn augmented_assignment(&mut self, frame: &mut Frame, node: Node<'p>) {
        let (Some(left), Some(right), Some(op)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
            node.child_by_field_name("operator"),
        ) else {
            return;
        };
        let current = self.expr(frame, left);
        let operand = self.expr(frame, right);
        let op = self.text(frame, op).trim_end_matches('=');
        let span = self.span(frame, node);
        // `list += items` and `dict |= other` change the object in place: every name holding
        // it sees the change.
        let in_place = match (&current.kind, op) {
            (Kind::List(_), "+") => Some("extend"),
            (Kind::Dict(_), "|") | (Kind::Set(_), "|") => Some("update"),
            _ => None,
        };
        if let Some(method) = in_place {
            let args = Args {
                positional: vec![operand],
                keywords: Vec::new(),
            };
            self.mutate(frame, &current, method, &args, span);
            self.assign(frame, left, current, span);
            return;
        }
        let value = super::ops::binary(op, &current, &operand, span, true);
        self.assign(frame, left, value, span);
    }

    fn if_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let mut arms = Vec::new();
        if let Some(body) = node.child_by_field_name("consequence") {
            arms.push((node.child_by_field_name("condition"), body));
        }
        let mut cursor = node.walk();
        for alternative in node.children_by_field_name("alternative", &mut cursor) {
            match alternative.kind() {
                "elif_clause" => {
                    if let Some(body) = alternative.child_by_field_name("consequence") {
                        arms.push((alternative.child_by_field_name("condition"), body));
                    }
                }
                _ => {
                    if let Some(body) = alternative.child_by_field_name("body") {
                        arms.push((None, body));
                    }
                }
            }
        }
        self.arms(frame, &arms)
    }

    /// The first arm whose condition holds runs. When a condition is unknown, both the arm and
    /// the rest of the chain run on copies of the namespace, and names they disagree on become
    /// `Unknown`.
    fn arms(
        &mut self,
        frame: &mut Frame,
        arms: &[(Option<Node<'p>>, Node<'p>)],
    ) -> Result<(), Exit> {
        let Some(((condition, body), rest)) = arms.split_first() else {
            return Ok(());
        };
        let Some(condition) = condition else {
            return self.block(frame, *body);
        };
        let test = self.expr(frame, *condition);
        if self.call_depth > 0 {
            self.call_conditions = union(&self.call_conditions, &test.env);
        }
        let saved = frame.control.clone();
        frame.control = union(&frame.control, &test.env);
        let result = match test.truthy() {
            Some(true) => self.block(frame, *body),
            Some(false) => self.arms(frame, rest),
            None => {
                let before = frame.ns.clone();
                let mut fork = self.fork();
                let taken_exit = self.block(frame, *body);
                let taken = std::mem::replace(&mut frame.ns, before);
                self.other_side(&mut fork);
                let other_exit = self.arms(frame, rest);
                let reason = format!(
                    "depends on the condition `{}` at {}, which djsafe cannot decide ({})",
                    self.text(frame, *condition),
                    self.line(frame, *condition),
                    test.unknown_reason().as_deref().unwrap_or("unknown value")
                );
                self.join_objects(fork, &reason, &frame.control);
                let origin = self.span(frame, *condition);
                frame.ns = join(
                    taken,
                    std::mem::take(&mut frame.ns),
                    &reason,
                    origin,
                    &frame.control,
                );
                // A function that returns on only one of the paths returns something unknown.
                match (taken_exit, other_exit) {
                    (Err(Exit::Return(_)), _) | (_, Err(Exit::Return(_))) => Err(Exit::Return(
                        Value::unknown(reason, origin).with_env(&frame.control),
                    )),
                    (Err(Exit::GaveUp(why)), _) | (_, Err(Exit::GaveUp(why))) => {
                        Err(Exit::GaveUp(why))
                    }
                    _ => Ok(()),
                }
            }
        };
        frame.control = saved;
        result
    }

    fn try_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let Some(body) = node.child_by_field_name("body") else {
            return Ok(());
        };
        let mut cursor = node.walk();
        let clauses: Vec<Node<'p>> = node.named_children(&mut cursor).collect();
        let handlers: Vec<Node<'p>> = clauses
            .iter()
            .copied()
            .filter(|c| c.kind() == "except_clause")
            .collect();
        frame.handled.push(
            handlers
                .iter()
                .map(|h| self.handled_types(frame, *h))
                .collect(),
        );
        let outcome = self.block(frame, body);
        frame.handled.pop();
        let result = match outcome {
            Ok(()) => match clauses
                .iter()
                .find(|c| c.kind() == "else_clause")
                .and_then(|c| c.child_by_field_name("body"))
            {
                Some(else_body) => self.block(frame, else_body),
                None => Ok(()),
            },
            Err(Exit::Exception(name)) => {
                let handler = handlers
                    .iter()
                    .find(|h| catches(&self.handled_types(frame, **h), name));
                match handler.and_then(|h| child_block(*h)) {
                    Some(block) => self.block(frame, block),
                    None => Err(Exit::Exception(name)),
                }
            }
            Err(other) => Err(other),
        };
        if let Some(block) = clauses
            .iter()
            .find(|c| c.kind() == "finally_clause")
            .and_then(|c| child_block(*c))
        {
            self.block(frame, block)?;
        }
        result
    }

    /// The exception types an `except` clause names, as written (`""` for a bare `except:`).
    fn handled_types(&self, frame: &Frame, clause: Node<'p>) -> String {
        let mut cursor = clause.walk();
        let value = clause
            .named_children(&mut cursor)
            .find(|n| n.kind() != "block" && n.kind() != "comment");
        value
            .map(|v| self.text(frame, v).to_string())
            .unwrap_or_default()
    }

    fn for_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let (Some(left), Some(right), Some(body)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
            node.child_by_field_name("body"),
        ) else {
            return Ok(());
        };
        let iterable = self.expr(frame, right);
        let items =
            super::ops::iterate(&iterable).filter(|items| items.len() <= MAX_UNROLLED_ITERATIONS);
        let Some(items) = items else {
            let reason = format!(
                "assigned in a loop over `{}` at {}, which djsafe cannot unroll",
                self.text(frame, right),
                self.line(frame, node)
            );
            self.invalidate(frame, node, &reason);
            return Ok(());
        };
        let site = self.span(frame, node);
        for item in items {
            self.assign(frame, left, item.with_env(&iterable.env), site);
            self.block(frame, body)?;
        }
        if let Some(alternative) = node
            .child_by_field_name("alternative")
            .and_then(|a| a.child_by_field_name("body"))
        {
            self.block(frame, alternative)?;
        }
        Ok(())
    }

    fn invalidate_with_targets(&mut self, frame: &mut Frame, node: Node<'p>) {
        let mut targets = Vec::new();
        collect_nodes(node, &mut |n| n.kind() == "as_pattern_target", &mut targets);
        let site = self.span(frame, node);
        for target in targets {
            let reason = format!("bound by `with` at {}", self.line(frame, node));
            if let Some(name) = target.named_child(0).filter(|n| n.kind() == "identifier") {
                self.bind(
                    frame,
                    self.text(frame, name),
                    Value::unknown(reason, site),
                    site,
                );
            }
        }
    }

    /// Every name a statement we do not evaluate may assign becomes `Unknown`.
    fn invalidate(&mut self, frame: &mut Frame, node: Node<'p>, reason: &str) {
        let mut names = Vec::new();
        collect_assigned_names(node, &self.project.sources.get(frame.file).text, &mut names);
        let site = self.span(frame, node);
        for name in names {
            let text = self.text(frame, name);
            // The statement may change the object the name holds (`X.append` in a loop): every
            // name holding it must see that its contents are unknown.
            if let Some(binding) = frame.ns.bindings.get(text).cloned() {
                let control = frame.control.clone();
                self.forget_contents(&binding.value, reason, &control);
            }
            self.bind(frame, text, Value::unknown(reason, site), site);
        }
        let mut star = Vec::new();
        collect_nodes(node, &mut |n| n.kind() == "wildcard_import", &mut star);
        if !star.is_empty() {
            frame.ns.opaque = Some(reason.into());
        }
    }

    fn import(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let mut cursor = node.walk();
        let names: Vec<Node<'p>> = node.children_by_field_name("name", &mut cursor).collect();
        let site = self.span(frame, node);
        let mut raised = false;
        for name in names {
            let (dotted, alias) = match name.kind() {
                "aliased_import" => (
                    name.child_by_field_name("name"),
                    name.child_by_field_name("alias"),
                ),
                _ => (Some(name), None),
            };
            let Some(dotted) = dotted else { continue };
            let full = self
                .text(frame, dotted)
                .split_whitespace()
                .collect::<String>();
            let top = full.split('.').next().unwrap_or_default().to_string();
            let bound = alias.map(|a| self.text(frame, a)).unwrap_or(&top);
            let value = match self.project.target(self.span(frame, dotted)).cloned() {
                Some(Target::External(path)) => {
                    let path = if alias.is_some() { path } else { top.clone() };
                    Value::new(Kind::External(path.into()), site)
                }
                Some(Target::Project(index)) => {
                    self.import_module(frame, index, site);
                    if alias.is_some() || !full.contains('.') {
                        Value::new(Kind::Module(index), site)
                    } else {
                        Value::unknown(
                            format!("attribute access through `import {full}` is not followed"),
                            site,
                        )
                    }
                }
                Some(Target::Missing(shown)) => {
                    raised = true;
                    self.unresolved(frame, site, &shown);
                    Value::unknown(format!("module `{shown}` was not found"), site)
                }
                None => Value::unknown(format!("module `{full}` was not resolved"), site),
            };
            self.bind(frame, bound, value, site);
        }
        if raised {
            Err(Exit::Exception("ModuleNotFoundError"))
        } else {
            Ok(())
        }
    }

    fn unresolved(&mut self, frame: &Frame, site: Span, shown: &str) {
        if frame.handles("ModuleNotFoundError") {
            self.optional_imports.push(OptionalImport {
                span: site,
                module: shown.into(),
                present: false,
            });
        } else {
            self.diagnose(
                DiagnosticKind::UnresolvedImport,
                site,
                format!(
                    "cannot resolve module `{shown}` from {}: the repository does not contain it, so importing these settings raises ModuleNotFoundError as committed; names it would define are unknown",
                    self.project.sources.get(frame.file).display
                ),
            );
        }
    }

    fn import_from(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let Some(module_node) = node.child_by_field_name("module_name") else {
            return Ok(());
        };
        let site = self.span(frame, node);
        let mut cursor = node.walk();
        let wildcard = node
            .named_children(&mut cursor)
            .any(|n| n.kind() == "wildcard_import");
        let mut cursor = node.walk();
        let names: Vec<(Node<'p>, Node<'p>)> = node
            .children_by_field_name("name", &mut cursor)
            .filter_map(|n| match n.kind() {
                "aliased_import" => Some((
                    n.child_by_field_name("name")?,
                    n.child_by_field_name("alias")?,
                )),
                _ => Some((n, n)),
            })
            .collect();
        let module_text = self.text(frame, module_node).to_string();
        match self.project.target(self.span(frame, module_node)).cloned() {
            Some(Target::Project(index)) => {
                if frame.handles("ModuleNotFoundError") {
                    let module = module_text.as_str().into();
                    self.optional_imports.push(OptionalImport {
                        span: site,
                        module,
                        present: true,
                    });
                }
                // `from . import signals` in a package's `__init__.py` imports its submodule:
                // the package is the module being run (partly initialised, as in Python), not a
                // cycle.
                let namespace = if index == frame.module {
                    Rc::new(frame.ns.clone())
                } else {
                    self.import_module(frame, index, site).unwrap_or_default()
                };
                if wildcard {
                    self.star_import(frame, &namespace, &module_text);
                }
                for (name, alias) in names {
                    let wanted = self.text(frame, name);
                    let value = match namespace.bindings.get(wanted) {
                        Some(binding) => binding.value.clone(),
                        None => match self.project.target(self.span(frame, name)).cloned() {
                            Some(Target::Project(sub)) => {
                                self.import_module(frame, sub, site);
                                Value::new(Kind::Module(sub), site)
                            }
                            _ => Value::unknown(
                                format!("`{wanted}` is not defined in `{module_text}`"),
                                site,
                            ),
                        },
                    };
                    self.bind(frame, self.text(frame, alias), value, site);
                }
                Ok(())
            }
            // `try: from settings_local import * / except ImportError:` of a module the
            // repository does not contain: on this checkout the import fails and the handler
            // runs; the module stays a possible override, which the output names.
            Some(Target::External(path))
                if frame.handles("ModuleNotFoundError") && is_local_override(&path) =>
            {
                self.unresolved(frame, site, &path);
                for (_, alias) in names {
                    let reason = format!("imported from `{path}`, which is not in the repository");
                    self.bind(
                        frame,
                        self.text(frame, alias),
                        Value::unknown(reason, site),
                        site,
                    );
                }
                Err(Exit::Exception("ModuleNotFoundError"))
            }
            Some(Target::External(path)) => {
                if wildcard {
                    frame.ns.opaque = Some(
                        format!("`from {path} import *` at {}", self.line(frame, node)).into(),
                    );
                }
                for (name, alias) in names {
                    let full = format!("{path}.{}", self.text(frame, name));
                    self.bind(
                        frame,
                        self.text(frame, alias),
                        Value::new(Kind::External(full.into()), site),
                        site,
                    );
                }
                Ok(())
            }
            Some(Target::Missing(shown)) => {
                self.unresolved(frame, site, &shown);
                // Inside `try: ... except ImportError:` the import fails and imports nothing.
                // Otherwise the module is meant to exist where it is deployed and may define
                // any name: the settings bound before it are as unknown as those it adds.
                if wildcard && !frame.handles("ModuleNotFoundError") {
                    let reason = format!(
                        "`from {shown} import *` at {}, a module the repository does not contain",
                        self.line(frame, node)
                    );
                    for (name, binding) in frame.ns.bindings.iter_mut() {
                        if crate::django_settings::is_setting_name(name) {
                            binding.value =
                                Value::unknown(format!("may be overridden by {reason}"), site)
                                    .with_env(&binding.value.env);
                        }
                    }
                    frame.ns.opaque = Some(reason.into());
                }
                for (_, alias) in names {
                    self.bind(
                        frame,
                        self.text(frame, alias),
                        Value::unknown(
                            format!("imported from `{shown}`, which was not found"),
                            site,
                        ),
                        site,
                    );
                }
                Err(Exit::Exception("ModuleNotFoundError"))
            }
            // `from __future__ import ...` and anything the loader skipped.
            None => Ok(()),
        }
    }

    /// `from module import *`: the names in `__all__`, or every name without a leading underscore.
    fn star_import(&mut self, frame: &mut Frame, namespace: &Namespace, module_text: &str) {
        let exported: Option<Vec<Rc<str>>> = namespace.bindings.get("__all__").and_then(|all| {
            all.value
                .items()?
                .iter()
                .map(|item| item.as_str().map(Rc::from))
                .collect()
        });
        let mut names: Vec<Rc<str>> = match exported {
            Some(names) => names,
            None => namespace
                .bindings
                .keys()
                .filter(|n| !n.starts_with('_'))
                .cloned()
                .collect(),
        };
        names.sort();
        for name in names {
            if let Some(binding) = namespace.bindings.get(&name) {
                self.bind(frame, &name, binding.value.clone(), binding.site);
            }
        }
        if let Some(opaque) = &namespace.opaque {
            frame.ns.opaque =
                Some(format!("{opaque} (through `from {module_text} import *`)").into());
        }
    }
}

/// A module name conventional for a deployment's own overrides (`settings_local`,
/// `local_settings`, `production_settings`): not a library a `try` tries to import.
fn is_local_override(module: &str) -> bool {
    let lower = module.to_ascii_lowercase();
    lower.contains("settings") || lower.split(['.', '_']).any(|part| part == "local")
}

fn child_block(node: Node) -> Option<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .find(|n| n.kind() == "block")
}

/// The exceptions djsafe raises, with the classes an `except` may name to catch them.
fn ancestors(exception: &str) -> &'static [&'static str] {
    match exception {
        "ModuleNotFoundError" => &["ModuleNotFoundError", "ImportError"],
        "KeyError" => &["KeyError", "LookupError"],
        "ValueError" => &["ValueError"],
        "SyntaxError" => &["SyntaxError"],
        _ => &[],
    }
}

/// Whether an `except` clause naming `types` catches `exception`.
pub(super) fn catches(types: &str, exception: &str) -> bool {
    if types.is_empty() {
        return true;
    }
    let names: Vec<&str> = types
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    ancestors(exception)
        .iter()
        .chain(["Exception", "BaseException"].iter())
        .any(|a| names.contains(a))
}

/// Merges the namespaces of two paths through an unknown condition.
pub(super) fn join(
    a: Namespace,
    mut b: Namespace,
    reason: &str,
    origin: Span,
    control: &EnvDeps,
) -> Namespace {
    let mut joined = Namespace {
        bindings: Default::default(),
        opaque: a.opaque.clone().or(b.opaque.clone()),
    };
    for (name, binding) in a.bindings {
        match b.bindings.remove(&name) {
            Some(other) if other.value.same(&binding.value) => {
                let env = union(&binding.value.env, &other.value.env);
                joined.bindings.insert(
                    name,
                    Binding {
                        value: binding.value.with_env(&env),
                        site: binding.site,
                    },
                );
            }
            other => {
                // The name holds one object or another: a change made through it later may
                // change either, so neither is known any more.
                forget_objects_of(&binding.value, reason, control);
                if let Some(other) = &other {
                    forget_objects_of(&other.value, reason, control);
                }
                let env = other
                    .map(|o| union(&o.value.env, &binding.value.env))
                    .unwrap_or(binding.value.env.clone());
                let value = Value::unknown(reason, origin)
                    .with_env(&env)
                    .with_env(control);
                joined.bindings.insert(
                    name,
                    Binding {
                        value,
                        site: binding.site,
                    },
                );
            }
        }
    }
    for (name, binding) in b.bindings {
        forget_objects_of(&binding.value, reason, control);
        let value = Value::unknown(reason, origin)
            .with_env(&binding.value.env)
            .with_env(control);
        joined.bindings.insert(
            name,
            Binding {
                value,
                site: binding.site,
            },
        );
    }
    joined
}

/// The identifiers of an assignment target (`a`, `a, (b, c)`).
pub(super) fn collect_identifiers<'t>(target: Node<'t>, out: &mut Vec<Node<'t>>) {
    collect_nodes(target, &mut |n| n.kind() == "identifier", out);
}

fn collect_nodes<'t>(
    node: Node<'t>,
    wanted: &mut impl FnMut(Node<'t>) -> bool,
    out: &mut Vec<Node<'t>>,
) {
    // A cursor walk, not recursion: a deeply nested expression must not exhaust the stack.
    let mut cursor = node.walk();
    loop {
        let current = cursor.node();
        if current.is_named() && wanted(current) {
            out.push(current);
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// Identifiers a statement may (re)bind or mutate: assignment and loop targets, defined names,
/// and receivers of calls such as `X.append(...)`.
fn collect_assigned_names<'t>(node: Node<'t>, text: &str, out: &mut Vec<Node<'t>>) {
    let mut targets = Vec::new();
    collect_nodes(node, &mut |n| is_binding_target(n, text), &mut targets);
    for target in targets {
        let mut root = target;
        while let Some(inner) = match root.kind() {
            "attribute" => root.child_by_field_name("object"),
            "subscript" => root.child_by_field_name("value"),
            _ => None,
        } {
            root = inner;
        }
        if root.kind() == "identifier" {
            out.push(root);
        } else {
            collect_nodes(root, &mut |n| n.kind() == "identifier", out);
        }
    }
}

/// The names a function body may rebind or change the objects of, as text.
pub(super) fn changed_names(body: Node, text: &str) -> Vec<String> {
    let mut nodes = Vec::new();
    collect_assigned_names(body, text, &mut nodes);
    nodes
        .into_iter()
        .map(|n| text[n.byte_range()].to_string())
        .collect()
}

fn is_binding_target(node: Node, text: &str) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    match parent.kind() {
        "assignment" | "augmented_assignment" | "for_statement" => {
            parent.child_by_field_name("left") == Some(node)
        }
        "function_definition" | "class_definition" => {
            parent.child_by_field_name("name") == Some(node)
        }
        // `X.append(...)`, `X.update(...)`: calls of methods that change their receiver.
        "call" => {
            node.kind() == "attribute"
                && parent.child_by_field_name("function") == Some(node)
                && node.child_by_field_name("attribute").is_some_and(|method| {
                    super::ops::MUTATING_METHODS.contains(&&text[method.byte_range()])
                })
        }
        _ => false,
    }
}
