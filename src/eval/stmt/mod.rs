//! Statements: a block runs statement by statement (with the step budget of the function call
//! being evaluated), each kind of statement dispatched to the file for it: assignments in
//! `assign`, `if`/`try`/`for` and `with` targets in `control_flow`, imports in `imports`, `match` in
//! `eval::matching`; `def` and `class` bind here.

use tree_sitter::Node;

use super::value::{Kind, Value};
use super::{Exit, Frame, Run, code_children};
use crate::source::Span;

mod assign;
mod control_flow;
mod imports;
pub(super) mod targets;

pub(super) use control_flow::{Handler, catches, join};
pub(super) use targets::{
    changed_names, collect_identifiers, collect_name_uses, declared_names, used_names,
};

/// How messages name the environment of an evaluation.
pub(super) fn scenario_label(scenario: &super::Scenario) -> String {
    let mut set: Vec<String> = scenario
        .vars
        .iter()
        // Variables djsafe sets to say what a deployment's container holds (a mounted file, a
        // file its image leaves out) start with a NUL byte, which no real variable name holds.
        .filter(|(k, _)| !k.starts_with('\0'))
        .map(|(k, v)| format!("{k}={}", super::value::python_repr(v)))
        .collect();
    set.extend(scenario.unknown.iter().map(|k| format!("{k} set")));
    if set.is_empty() {
        "with every environment variable unset".into()
    } else {
        format!("with {} and every other variable unset", set.join(", "))
    }
}

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
        &self.project.sources.get(frame.file).text()[node.byte_range()]
    }

    pub(super) fn line(&self, frame: &Frame, node: Node) -> String {
        let file = self.project.sources.get(frame.file);
        format!("{}:{}", file.display, file.position(node.start_byte()).line)
    }

    /// Runs the statements of a module or block, stopping at the first exception.
    pub(super) fn block(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let mut cursor = node.walk();
        let statements: Vec<Node<'p>> = node.named_children(&mut cursor).collect();
        let module_level = node.parent().is_none();
        for statement in statements {
            if module_level {
                self.raise_site = None;
            }
            let result = self.statement(frame, statement);
            // At module level, go on after an exception (see `Run::module`).
            if let Err(exit) = &result {
                if !module_level {
                    return result;
                }
                self.uncaught(frame, statement, exit);
            }
        }
        Ok(())
    }

    /// An exception escaped a statement at module level: Python's import stops there, so
    /// under this environment Django never starts. Evaluation goes on (see `Run::module`), but
    /// what the statement would have assigned past the raise is not there: every name it may
    /// assign becomes unknown, so that no rule reads the truncated namespace as the settings
    /// ("never assigned", "left at Django's default"). A diagnostic says so at the raise.
    fn uncaught(&mut self, frame: &mut Frame, statement: Node<'p>, exit: &Exit) {
        let Exit::Exception(exception) = exit else {
            return;
        };
        let site = self
            .raise_site
            .take()
            .unwrap_or(self.span(frame, statement));
        let module = &self.project.modules[frame.module].name;
        // djsafe raises `Exception` for every `raise X(...)`: messages name the class written.
        let written = self.project.sources.get(site.file).text()[site.start..site.end]
            .strip_prefix("raise ")
            .and_then(|rest| {
                let name = rest.split(|c: char| c == '(' || c.is_whitespace()).next()?;
                (!name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '.'))
                .then(|| name.to_string())
            });
        let exception = written.as_deref().unwrap_or(exception);
        let reason = format!(
            "importing `{module}` raises {exception} at {} {} (Django does not start), so what the statement at {} assigns is not known",
            self.line_at(site),
            self.scenario_label,
            self.line(frame, statement)
        );
        let mut names = Vec::new();
        targets::collect_assigned_names(
            statement,
            self.project.sources.get(frame.file).text(),
            &mut names,
        );
        let span = self.span(frame, statement);
        for name in names {
            let text = self.text(frame, name);
            // The value points at the raise: that is what a reader must look at.
            self.bind(frame, text, Value::unknown(reason.clone(), site), span);
        }
        // A module that cannot be found is already reported where it is imported.
        if exception == "ModuleNotFoundError" {
            return;
        }
        let message = format!(
            "importing `{module}` raises {exception} here {}: Django does not start with this environment; the names the statement at {} assigns are unknown rather than taken as never assigned",
            self.scenario_label,
            self.line(frame, statement)
        );
        self.diagnose(
            crate::diagnostic::DiagnosticKind::ImportFails,
            site,
            message,
        );
    }

    /// A module's top-level statements whose position is marked in `kept`, in order.
    pub(crate) fn block_kept(
        &mut self,
        frame: &mut Frame,
        root: Node<'p>,
        kept: &[bool],
    ) -> Result<(), Exit> {
        let mut cursor = root.walk();
        let statements: Vec<Node<'p>> = root.named_children(&mut cursor).collect();
        for (statement, _) in statements.into_iter().zip(kept).filter(|(_, kept)| **kept) {
            // Go on after an exception, as `block` does at module level.
            self.raise_site = None;
            if let Err(exit) = self.statement(frame, statement) {
                self.uncaught(frame, statement, &exit);
            }
        }
        Ok(())
    }

    fn statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let result = self.statement_kind(frame, node);
        if !self.global_writes.is_empty() || !self.forgotten.is_empty() {
            self.apply_module_writes(frame);
        }
        let result = match self.raised.take() {
            Some(exception) if result.is_ok() => Err(Exit::Exception(exception)),
            _ => result,
        };
        // The innermost statement an exception comes out of is where it is raised.
        if matches!(result, Err(Exit::Exception(_))) && self.raise_site.is_none() {
            self.raise_site = Some(self.span(frame, node));
        }
        result
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
            "with_statement" => self.with_statement(frame, node),
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
                self.decorated_definition(frame, node);
                Ok(())
            }
            "return_statement" => {
                let value = match node.named_child(0) {
                    Some(expression) => self.expr(frame, expression),
                    None => Value::new(Kind::None, self.span(frame, node)),
                };
                Err(Exit::Return(value))
            }
            // A bare `raise` in an `except` clause raises the exception it caught; djsafe does
            // not tell other exceptions apart (`raise ImproperlyConfigured(...)`).
            "raise_statement" => Err(Exit::Exception(
                match (node.named_child_count(), self.handling.last()) {
                    (0, Some(caught)) => caught,
                    _ => "Exception",
                },
            )),
            // A function's `global` names were found before its body ran (they hold for the whole
            // body, wherever the statement is); anywhere else, and `nonlocal`, is not followed.
            "global_statement"
                if self.call_depth == 0
                    || code_children(node).iter().all(|n| {
                        frame
                            .global_names
                            .iter()
                            .any(|g| **g == *self.text(frame, *n))
                    }) =>
            {
                Ok(())
            }
            "global_statement" | "nonlocal_statement" if self.call_depth > 0 => {
                Err(Exit::GaveUp(format!(
                    "the function rebinds names of an enclosing scope (`{}`)",
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
                    } else if target.kind() == "attribute" {
                        self.delete_attribute(frame, target);
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// `del holder.NAME`. Through a project module, the module loses the name: djsafe does not
    /// model a name removed from another module's namespace, so it is unknown there from now on
    /// (`from registry import NAME` afterwards raises ImportError in Python). Through a module
    /// djsafe cannot identify, any module may have lost it; a class's attributes may then come
    /// from a base class instead.
    fn delete_attribute(&mut self, frame: &mut Frame, target: Node<'p>) {
        let (Some(object), Some(attribute)) = (
            target.child_by_field_name("object"),
            target.child_by_field_name("attribute"),
        ) else {
            return;
        };
        let holder = self.expr(frame, object);
        let site = self.span(frame, target);
        let reason = format!(
            "deleted by `del {}` at {}",
            self.text(frame, target),
            self.line(frame, target)
        );
        match &holder.kind {
            Kind::Module(module) => {
                let name = self.text(frame, attribute);
                let gone = Value::unknown(reason, site);
                self.write_module_attribute(frame, *module, name, gone, site);
            }
            Kind::Class(class) => class.mark_changed(&reason),
            _ => self.through_unidentified(frame, &holder),
        }
    }

    /// `@decorator def f(...)`: the decorators' expressions run first (`@register(APPS)`), then
    /// the definition, then each decorator, innermost first. A project function is called with
    /// what it decorates (a registry filled by `@register` changes as in Python) and its result
    /// bound; `@functools.wraps(func)` gives the function `func`'s `__name__`; any other
    /// decorator djsafe does not follow may return anything (a wrapper, a context manager, a
    /// task object), so the name is unknown, and what the definition holds is passed where
    /// djsafe cannot see.
    fn decorated_definition(&mut self, frame: &mut Frame, node: Node<'p>) {
        let Some(definition) = node.child_by_field_name("definition") else {
            return;
        };
        let decorators: Vec<(Node<'p>, Decorator)> = code_children(node)
            .into_iter()
            .filter(|child| child.kind() == "decorator")
            .filter_map(|decorator| {
                let expression = decorator.named_child(0)?;
                Some((decorator, self.decorator(frame, expression)))
            })
            .collect();
        self.define(frame, definition);
        let Some(name) = definition.child_by_field_name("name") else {
            return;
        };
        let name = self.text(frame, name);
        let Some(binding) = frame.ns.bindings.get(name).cloned() else {
            return;
        };
        let site = self.span(frame, node);
        let mut value = binding.value;
        for (decorator, callee) in decorators.into_iter().rev() {
            match (&callee, &value.kind) {
                (Decorator::Value(callee), _) if let Kind::Function(function) = &callee.kind => {
                    let function = function.clone();
                    let args = super::value::Args {
                        positional: vec![value.clone()],
                        keywords: Vec::new(),
                    };
                    value =
                        self.call_function(frame, &function, &args, self.span(frame, decorator));
                }
                // `@staticmethod` in a class body: the function, called through the class as
                // it is (`Setup.do_settings(INSTALLED_APPS)`).
                (Decorator::Value(callee), Kind::Function(_)) if matches!(&callee.kind, Kind::External(path) if &**path == "builtins.staticmethod") =>
                {
                    continue;
                }
                // `@classmethod`: called through a class, the function takes that class first.
                (Decorator::Value(callee), Kind::Function(function)) if matches!(&callee.kind, Kind::External(path) if &**path == "builtins.classmethod") =>
                {
                    let method = function.with_receiver(super::value::Receiver::ClassMethod);
                    value = Value::new(Kind::Function(std::rc::Rc::new(method)), binding.site);
                    continue;
                }
                (Decorator::Wraps(wrapped), Kind::Function(function))
                    if let Kind::Function(original) = &wrapped.kind =>
                {
                    // The same code and defaults (the default objects shared), another name.
                    let renamed = super::value::Function {
                        name: original.name.clone(),
                        module: function.module,
                        start: function.start,
                        end: function.end,
                        params: function
                            .params
                            .iter()
                            .map(|p| super::value::Param {
                                name: p.name.clone(),
                                default: p.default.clone(),
                                kind: p.kind,
                            })
                            .collect(),
                        closure: function.closure.clone(),
                        receiver: function.receiver.clone(),
                    };
                    value = Value::new(Kind::Function(std::rc::Rc::new(renamed)), binding.site);
                    continue;
                }
                _ => {
                    let reason = format!(
                        "decorated by `{}` at {}, which djsafe does not follow",
                        self.text(frame, decorator),
                        self.line(frame, decorator)
                    );
                    let control = frame.control.clone();
                    self.forget_reachable(std::slice::from_ref(&value), &reason, &control);
                    value = Value::unknown(reason, site);
                }
            }
        }
        self.bind(frame, name, value, site);
    }

    /// A decorator's expression, evaluated: `functools.wraps(func)` is told apart.
    fn decorator(&mut self, frame: &mut Frame, expression: Node<'p>) -> Decorator {
        if expression.kind() == "call"
            && let Some(function) = expression.child_by_field_name("function")
            && matches!(function.kind(), "identifier" | "attribute")
            && matches!(&self.expr(frame, function).kind, Kind::External(path) if &**path == "functools.wraps")
            && let Some(arguments) = expression.child_by_field_name("arguments")
            && let [wrapped] = code_children(arguments).as_slice()
            && wrapped.kind() != "keyword_argument"
        {
            return Decorator::Wraps(self.expr(frame, *wrapped));
        }
        Decorator::Value(self.expr(frame, expression))
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
}

/// A decorator, evaluated.
enum Decorator {
    /// `functools.wraps(func)`: the function it decorates takes `func`'s name.
    Wraps(Value),
    Value(Value),
}
