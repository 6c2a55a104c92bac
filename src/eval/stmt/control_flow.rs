//! Control flow: `if` on conditions djsafe cannot decide runs both branches and joins their
//! namespaces; `try`/`except` (and `with contextlib.suppress(...)`) follows the exceptions djsafe
//! tracks; `for` over a known sequence is unrolled; `with` binds its targets as unknown.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use super::MAX_UNROLLED_ITERATIONS;
use super::targets::{collect_assigned_names, collect_nodes, is_name_use};
use crate::eval::escape::forget_objects_of;
use crate::eval::value::{EnvDeps, Kind, Value, union};
use crate::eval::{Binding, Exit, Frame, Namespace, Run};
use crate::source::Span;

impl<'p> Run<'p> {
    pub(super) fn if_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let mut arms = Vec::new();
        if let Some(body) = node.field(Field::Consequence) {
            arms.push((node.field(Field::Condition), body));
        }
        let mut cursor = node.walk();
        for alternative in node.children_by_field_name("alternative", &mut cursor) {
            match alternative.kind_name() {
                "elif_clause" => {
                    if let Some(body) = alternative.field(Field::Consequence) {
                        arms.push((alternative.field(Field::Condition), body));
                    }
                }
                _ => {
                    if let Some(body) = alternative.field(Field::Body) {
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
    pub(super) fn arms(
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
            Some(true) => {
                let result = self.block(frame, *body);
                let skipped: Vec<Node<'p>> = rest.iter().map(|(_, body)| *body).collect();
                self.depend_on_skipped(frame, &skipped, &test.env);
                result
            }
            Some(false) => {
                let result = self.arms(frame, rest);
                self.depend_on_skipped(frame, &[*body], &test.env);
                result
            }
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
                // A function that returns on only one of the paths returns something unknown;
                // what either path returns may be changed through it, so the objects in it
                // become unknown too.
                let returned: Vec<Value> = [&taken_exit, &other_exit]
                    .into_iter()
                    .filter_map(|exit| match exit {
                        Err(Exit::Return(value)) => Some(value.clone()),
                        _ => None,
                    })
                    .collect();
                if !returned.is_empty() {
                    let control = frame.control.clone();
                    self.forget_reachable(&returned, &reason, &control);
                }
                match (taken_exit, other_exit) {
                    (Err(Exit::Return(_)), _) | (_, Err(Exit::Return(_))) => Err(Exit::Return(
                        Value::unknown(reason, origin).with_env(&frame.control),
                    )),
                    (Err(Exit::GaveUp(why)), _) | (_, Err(Exit::GaveUp(why))) => {
                        Err(Exit::GaveUp(why))
                    }
                    _ => {
                        // An exception on one path only is not followed past the `if`.
                        self.raise_site = None;
                        Ok(())
                    }
                }
            }
        };
        frame.control = saved;
        result
    }

    /// A name an arm not taken would have bound keeps its value because of the condition that
    /// skipped the arm: `EMAIL_BACKEND = console` followed by `if os.environ.get('EMAIL_HOST'):
    /// EMAIL_BACKEND = smtp` is the console backend when `EMAIL_HOST` is unset, not in every
    /// environment. The condition's variables join what those names' values depend on.
    fn depend_on_skipped(&mut self, frame: &mut Frame, skipped: &[Node<'p>], env: &EnvDeps) {
        if env.is_empty() || skipped.is_empty() {
            return;
        }
        let text = &self.project.sources.get(frame.file).text();
        let mut nodes = Vec::new();
        for body in skipped {
            collect_assigned_names(*body, text, &mut nodes);
        }
        let mut names: Vec<&str> = nodes.iter().map(|n| &text[n.byte_range()]).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            if let Some(binding) = frame.ns.bindings.get_mut(name) {
                binding.value = binding.value.clone().with_env(env);
            }
        }
    }

    pub(super) fn try_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let Some(body) = node.field(Field::Body) else {
            return Ok(());
        };
        let mut cursor = node.walk();
        let clauses: Vec<Node<'p>> = node.named_children(&mut cursor).collect();
        let handlers: Vec<Node<'p>> = clauses
            .iter()
            .copied()
            .filter(|c| c.kind_name() == "except_clause")
            .collect();
        frame.handled.push(
            handlers
                .iter()
                .map(|h| Handler {
                    types: self.handled_types(frame, *h),
                    raises: child_block(*h).is_some_and(only_raises),
                })
                .collect(),
        );
        let outcome = self.block(frame, body);
        frame.handled.pop();
        let result = match outcome {
            Ok(()) => match clauses
                .iter()
                .find(|c| c.kind_name() == "else_clause")
                .and_then(|c| c.field(Field::Body))
            {
                Some(else_body) => self.block(frame, else_body),
                None => Ok(()),
            },
            Err(Exit::Exception(name)) => {
                let handler = handlers
                    .iter()
                    .find(|h| catches(&self.handled_types(frame, **h), name));
                match handler.and_then(|h| child_block(*h)) {
                    Some(block) => {
                        self.raise_site = None;
                        // A bare `raise` in the clause raises `name` again.
                        self.handling.push(name);
                        let result = self.block(frame, block);
                        self.handling.pop();
                        result
                    }
                    None => Err(Exit::Exception(name)),
                }
            }
            Err(other) => Err(other),
        };
        if let Some(block) = clauses
            .iter()
            .find(|c| c.kind_name() == "finally_clause")
            .and_then(|c| child_block(*c))
        {
            self.block(frame, block)?;
        }
        result
    }

    /// The exception types an `except` clause names, as written (`""` for a bare `except:`).
    pub(super) fn handled_types(&self, frame: &Frame, clause: Node<'p>) -> String {
        let mut cursor = clause.walk();
        let value = clause
            .named_children(&mut cursor)
            .find(|n| n.kind_name() != "block" && n.kind_name() != "comment");
        value
            .map(|v| self.text(frame, v).to_string())
            .unwrap_or_default()
    }

    pub(super) fn for_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let (Some(left), Some(right), Some(body)) = (
            node.field(Field::Left),
            node.field(Field::Right),
            node.field(Field::Body),
        ) else {
            return Ok(());
        };
        let iterable = self.expr(frame, right);
        let items = crate::eval::ops::iterate(&iterable)
            .filter(|items| items.len() <= MAX_UNROLLED_ITERATIONS);
        let Some(items) = items else {
            let reason = format!(
                "assigned in a loop over `{}` at {}, which djsafe cannot unroll",
                self.text(frame, right),
                self.line(frame, node)
            );
            self.invalidate(frame, node, &reason);
            self.loop_over_modules(frame, &iterable);
            self.exec_in_loop_not_run(frame, node, right, &iterable);
            return Ok(());
        };
        let site = self.span(frame, node);
        for item in items {
            self.assign(frame, left, item.with_env(&iterable.env), site);
            self.block(frame, body)?;
        }
        if let Some(alternative) = node
            .field(Field::Alternative)
            .and_then(|a| a.field(Field::Body))
        {
            self.block(frame, alternative)?;
        }
        Ok(())
    }

    /// A loop djsafe cannot unroll whose body calls `exec` (`for f in glob.glob('/etc/app/*.conf'):
    /// exec(open(f).read())`) runs code nobody can see from the repository: what it assigns is
    /// not seen, and a diagnostic says so, with why the loop was not followed. The settings
    /// keep the values the repository gives them, as with an optional import it lacks.
    fn exec_in_loop_not_run(
        &mut self,
        frame: &mut Frame,
        node: Node<'p>,
        iterable_node: Node<'p>,
        iterable: &Value,
    ) {
        let mut calls = Vec::new();
        let text = &self.project.sources.get(frame.file).text();
        collect_nodes(
            node,
            &mut |n| {
                n.kind_name() == "call"
                    && n.field(Field::Function)
                        .is_some_and(|f| &text[f.byte_range()] == "exec")
            },
            &mut calls,
        );
        let Some(call) = calls.first() else {
            return;
        };
        let why = iterable
            .unknown_reason()
            .map(|r| r.to_string())
            .unwrap_or_else(|| "it lists more items than djsafe unrolls".into());
        let message = format!(
            "`exec` at {} runs what the loop over `{}` lists, which djsafe cannot follow ({why}): settings those files assign are not seen, and where they exist they may override any setting above",
            self.line(frame, *call),
            self.text(frame, iterable_node),
        );
        let span = self.span(frame, *call);
        self.diagnose(
            crate::diagnostic::DiagnosticKind::UnresolvedImport,
            span,
            message,
        );
    }

    pub(super) fn invalidate_with_targets(&mut self, frame: &mut Frame, node: Node<'p>) {
        let mut targets = Vec::new();
        collect_nodes(
            node,
            &mut |n| n.kind_name() == "as_pattern_target",
            &mut targets,
        );
        let site = self.span(frame, node);
        for target in targets {
            let reason = format!("bound by `with` at {}", self.line(frame, node));
            if let Some(name) = target
                .named_child(0)
                .filter(|n| n.kind_name() == "identifier")
            {
                self.bind(
                    frame,
                    self.text(frame, name),
                    Value::unknown(reason, site),
                    site,
                );
            }
        }
    }

    /// `with ...: body`. A `contextlib.suppress(E, ...)` among the managers catches the
    /// exceptions it names as `try: ... except (E, ...): pass` would: raised by a later manager
    /// or in the body, they end the statement and execution goes on after it.
    pub(super) fn with_statement(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        self.invalidate_with_targets(frame, node);
        let enclosing = frame.handled.len();
        let result = self
            .with_items(frame, node)
            .and_then(|()| match node.field(Field::Body) {
                Some(body) => self.block(frame, body),
                None => Ok(()),
            });
        let suppressed: Vec<String> = frame
            .handled
            .drain(enclosing..)
            .flatten()
            .map(|clause| clause.types)
            .collect();
        match result {
            Err(Exit::Exception(name)) if suppressed.iter().any(|t| catches(t, name)) => {
                self.raise_site = None;
                Ok(())
            }
            other => other,
        }
    }

    /// The exception types `contextlib.suppress(...)` names, as written and joined like an
    /// `except (A, B)` clause's; `None` when `expression` is not such a call or names none
    /// (`suppress()` suppresses nothing).
    fn suppressed_types(&mut self, frame: &mut Frame, expression: Node<'p>) -> Option<String> {
        let function = expression.field(Field::Function).filter(|f| {
            expression.kind_name() == "call" && matches!(f.kind_name(), "identifier" | "attribute")
        })?;
        let callee = self.expr(frame, function);
        if !matches!(&callee.kind, Kind::External(path) if &**path == "contextlib.suppress") {
            return None;
        }
        let arguments = expression.field(Field::Arguments)?;
        let mut cursor = arguments.walk();
        let types: Vec<&str> = arguments
            .named_children(&mut cursor)
            .filter(|a| a.kind_name() != "comment" && a.kind_name() != "keyword_argument")
            .map(|a| self.text(frame, a))
            .collect();
        (!types.is_empty()).then(|| types.join(", "))
    }

    /// The context managers of a `with` statement, evaluated in order: an exception they raise
    /// (`open()` of a missing file) skips the body; `as f` binds an opened file (its
    /// `__enter__` returns it). Other targets stay unknown ([`Self::invalidate_with_targets`]).
    /// A `suppress(...)` manager pushes the exceptions it catches on `frame.handled`, for
    /// [`Self::with_statement`] to pop.
    pub(super) fn with_items(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let mut items = Vec::new();
        collect_nodes(node, &mut |n| n.kind_name() == "with_item", &mut items);
        for item in items {
            let Some(value) = item.field(Field::Value) else {
                continue;
            };
            let (expression, target) = match value.kind_name() {
                "as_pattern" => (
                    value.named_child(0),
                    value
                        .field(Field::Alias)
                        .and_then(|alias| alias.named_child(0))
                        .filter(|name| name.kind_name() == "identifier"),
                ),
                _ => (Some(value), None),
            };
            let Some(expression) = expression else {
                continue;
            };
            if let Some(types) = self.suppressed_types(frame, expression) {
                frame.handled.push(vec![Handler {
                    types,
                    raises: false,
                }]);
                continue;
            }
            let manager = self.expr(frame, expression);
            if let Some(exception) = self.raised.take() {
                return Err(Exit::Exception(exception));
            }
            if let Some(target) = target
                && crate::eval::files::is_file(&manager)
            {
                let site = self.span(frame, target);
                self.bind(frame, self.text(frame, target), manager, site);
            }
        }
        Ok(())
    }

    /// Every name a statement we do not evaluate may assign becomes `Unknown`.
    pub(super) fn invalidate(&mut self, frame: &mut Frame, node: Node<'p>, reason: &str) {
        let mut names = Vec::new();
        collect_assigned_names(
            node,
            self.project.sources.get(frame.file).text(),
            &mut names,
        );
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
        // Any object a name in it holds may be changed by it, directly or through another name
        // (`v = D.get(k)` then `v.append(...)`): those objects become unknown.
        let mut used = Vec::new();
        collect_nodes(node, &mut |n| is_name_use(n), &mut used);
        let mut values = Vec::new();
        for name in used {
            let text = self.text(frame, name);
            let binding = frame.ns.bindings.get(text).cloned().or_else(|| {
                frame
                    .globals
                    .as_ref()
                    .and_then(|g| g.bindings.get(text).cloned())
            });
            if let Some(binding) = binding {
                values.push(binding.value);
            }
        }
        if !values.is_empty() {
            let used_reason = format!(
                "used in a statement djsafe does not evaluate, which may change it ({reason})"
            );
            let control = frame.control.clone();
            self.forget_reachable(&values, &used_reason, &control);
        }
        self.invalidate_namespace_writes(frame, node, reason);
        let mut star = Vec::new();
        collect_nodes(node, &mut |n| n.kind_name() == "wildcard_import", &mut star);
        if !star.is_empty() {
            frame.ns.opaque = Some(reason.into());
        }
    }
}

impl<'p> Run<'p> {
    /// A statement not evaluated that writes the module namespace (`globals()[k] = v` or
    /// `globals().update(m)` in a loop over `os.environ`): any name may be rebound. Reading it
    /// (`globals().get(k)`) changes nothing.
    fn invalidate_namespace_writes(&mut self, frame: &mut Frame, node: Node<'p>, reason: &str) {
        let mut calls = Vec::new();
        collect_nodes(node, &mut |n| n.kind_name() == "call", &mut calls);
        let writes = calls.into_iter().find(|&call| {
            self.is_namespace_text(frame, call)
                && !call.parent().is_some_and(|parent| {
                    parent.kind_name() == "attribute"
                        && parent.field(Field::Attribute).is_some_and(|a| {
                            matches!(
                                self.text(frame, a),
                                "get" | "keys" | "items" | "values" | "copy" | "__contains__"
                            )
                        })
                })
        });
        if let Some(call) = writes {
            let why = format!(
                "`{}` at {}, in code djsafe does not evaluate ({reason})",
                self.text(frame, call),
                self.line(frame, call)
            );
            self.namespace_rebound(frame, &why);
        }
    }
}

/// One `except` clause of an enclosing `try` (or the exceptions a `contextlib.suppress` names).
#[derive(Clone, Debug)]
pub(in crate::eval) struct Handler {
    /// The exception types it names, as written (`""` for a bare `except:`).
    pub types: String,
    /// Its body always ends in `raise` (re-raising, or raising `ImproperlyConfigured`): the
    /// exception still ends the import, so the clause handles nothing.
    pub raises: bool,
}

/// Whether a block always ends in an exception: its last statement is `raise`. Such an
/// `except` clause catches nothing for good (`except KeyError: raise ImproperlyConfigured(...)`).
fn only_raises(block: Node) -> bool {
    let mut cursor = block.walk();
    block
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .last()
        .is_some_and(|last| last.kind_name() == "raise_statement")
}

pub(super) fn child_block(node: Node) -> Option<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .find(|n| n.kind_name() == "block")
}

/// The exceptions djsafe raises, with the classes an `except` may name to catch them.
pub(super) fn ancestors(exception: &str) -> &'static [&'static str] {
    match exception {
        "ModuleNotFoundError" => &["ModuleNotFoundError", "ImportError"],
        "KeyError" => &["KeyError", "LookupError"],
        "ValueError" => &["ValueError"],
        "SyntaxError" => &["SyntaxError"],
        // `IOError` and `EnvironmentError` are names of OSError.
        "OSError" => &["OSError", "IOError", "EnvironmentError"],
        "FileNotFoundError" => &[
            "FileNotFoundError",
            "OSError",
            "IOError",
            "EnvironmentError",
        ],
        "IsADirectoryError" => &[
            "IsADirectoryError",
            "OSError",
            "IOError",
            "EnvironmentError",
        ],
        "UnicodeDecodeError" => &["UnicodeDecodeError", "UnicodeError", "ValueError"],
        "JSONDecodeError" => &["JSONDecodeError", "ValueError"],
        "TOMLDecodeError" => &["TOMLDecodeError", "ValueError"],
        _ => &[],
    }
}

/// Whether an `except` clause naming `types` catches `exception`.
pub(in crate::eval) fn catches(types: &str, exception: &str) -> bool {
    if types.is_empty() {
        return true;
    }
    let names: Vec<&str> = types
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    // The exception itself (`ImproperlyConfigured`, `UndefinedValueError`), its bases, and the
    // bases of every exception settings raise.
    std::iter::once(&exception)
        .chain(ancestors(exception))
        .chain(["Exception", "BaseException"].iter())
        .any(|a| names.contains(a))
}

/// Merges the namespaces of two paths through an unknown condition.
pub(in crate::eval) fn join(
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
