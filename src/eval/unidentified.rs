//! Module objects djsafe cannot identify: `importlib.import_module(name)`, `sys.modules[name]`
//! or `__import__(name)` where the name is one djsafe cannot compute, or names a project module
//! it did not load. Python hands back a real module, maybe one of the project's (the settings
//! module itself, through `sys.modules[__name__]` spelt another way), and code may then rebind
//! its names (`mod.DEBUG = True`, `setattr(mod, ...)`) or change the lists they hold
//! (`mod.HOSTS.append(...)`). The handle is an unknown value whose reason carries a mark, and
//! so does what is read through it (an attribute, `getattr`). Reading changes nothing; but when
//! one is written through (an attribute or item assigned, a method of it called, handed to code
//! djsafe does not follow), djsafe cannot tell which module changed, so every project module's
//! names and the objects they hold become unknown, the running module's own included; modules
//! that first run afterwards may have been run (and changed) through the handle already, so
//! theirs become unknown when they finish.
//!
//! Running the module the handle names is not followed either: code that a module djsafe did
//! not load runs when it is imported is unseen, and may change any module (its own imports
//! included), so importing one makes every module's names unknown as a write through a handle
//! does. A literal name (`import_module('proj.plugin')`) is loaded like an import statement
//! (see `resolve::scan`), and then followed.

use std::rc::Rc;

use super::value::{Kind, Value};
use super::{Frame, Run};
use crate::source::Span;

/// Part of the reason of every unknown value that is such a handle: how it is recognised.
const MARK: &str = "a module djsafe cannot identify";

/// Whether `value` is a handle on a module djsafe cannot identify.
pub(super) fn is_unidentified(value: &Value) -> bool {
    matches!(&value.kind, Kind::Unknown(reason) if reason.contains(MARK))
}

impl Run<'_> {
    /// `importlib.import_module(name)` / `__import__(name)` (`call`): the project module `name`
    /// names when djsafe loaded it, else a handle on a module it cannot identify; a library's
    /// module (a known name outside the project's packages) is only unknown.
    pub(super) fn import_by_name(
        &mut self,
        frame: &mut Frame,
        call: &str,
        name: &Value,
        span: Span,
    ) -> Value {
        if let Some(dotted) = name.as_str() {
            if let Some(index) = self.loaded_module(dotted) {
                let imported = self.import_module(frame, index, span);
                // `__import__('a.b')` runs `a.b` and returns the package `a`.
                let top = dotted.split('.').next().unwrap_or(dotted);
                if call == "__import__" && top != dotted {
                    return match self.loaded_module(top) {
                        Some(package) if self.import_module(frame, package, span).is_some() => {
                            Value::new(Kind::Module(package), span).with_env(&name.env)
                        }
                        _ => self
                            .unidentified_module(frame, &format!("`{call}({dotted:?})`"), span)
                            .with_env(&name.env),
                    };
                }
                return match imported {
                    Some(_) => Value::new(Kind::Module(index), span).with_env(&name.env),
                    None => Value::unknown(format!("`{call}({dotted:?})`"), span),
                };
            }
            // A module of the project's packages that the repository does not contain: on this
            // checkout the import raises ModuleNotFoundError, which an enclosing `try` catches.
            if !dotted.starts_with('.')
                && self.is_project_package(dotted)
                && self.project.find_module_file(dotted).is_none()
                && frame.handles("ModuleNotFoundError")
            {
                self.raised = Some("ModuleNotFoundError");
                return Value::unknown(
                    format!(
                        "`{call}({dotted:?})` raises ModuleNotFoundError: the repository does not contain it"
                    ),
                    span,
                )
                .with_env(&name.env);
            }
            if !self.is_project_package(dotted) {
                return Value::unknown(
                    format!(
                        "`{call}({dotted:?})` is a library's module, which djsafe does not model"
                    ),
                    span,
                )
                .with_env(&name.env);
            }
        }
        let what = match name.as_str() {
            Some(dotted) => format!("`{call}({dotted:?})`, a module djsafe did not load"),
            None => format!("`{call}()` of a name djsafe cannot compute ({name})"),
        };
        // Importing it runs its code, which djsafe did not load: `registry.APPS.append(...)`
        // there changes what every importer of the registry sees.
        let reason = format!(
            "{what} at {} runs code djsafe does not see, which may change any module's names",
            self.line_at(span)
        );
        self.forget_all_modules(frame, &reason);
        self.unidentified_module(frame, &what, span)
            .with_env(&name.env)
    }

    /// `sys.modules[key]` and `sys.modules.get(key)`: a project module already imported (or
    /// being imported), else a library's module or one djsafe cannot identify.
    pub(super) fn sys_modules_lookup(
        &mut self,
        frame: &mut Frame,
        key: &Value,
        span: Span,
    ) -> Value {
        if let Some(name) = key.as_str()
            && let Some(index) = (0..self.project.modules.len()).find(|&m| {
                self.project.modules[m].name == name
                    && (m == frame.module
                        || self.modules.contains_key(&m)
                        || self.stack.contains(&m))
            })
        {
            return Value::new(Kind::Module(index), span).with_env(&key.env);
        }
        self.sys_modules_item(frame, key, span)
    }

    /// `sys.modules[key]` that names no module djsafe has running or finished.
    fn sys_modules_item(&mut self, frame: &mut Frame, key: &Value, span: Span) -> Value {
        if let Some(dotted) = key.as_str()
            && !self.is_project_package(dotted)
        {
            return Value::unknown(
                format!(
                    "`sys.modules[{dotted:?}]` is a library's module, which djsafe does not model"
                ),
                span,
            )
            .with_env(&key.env);
        }
        let what = format!("`sys.modules[{key}]`");
        self.unidentified_module(frame, &what, span)
            .with_env(&key.env)
    }

    /// `sys.modules.items()` and the like: what they list holds modules djsafe cannot tell
    /// apart, so it is marked as a handle (a loop over it that changes what it finds changes
    /// any module).
    pub(super) fn module_table(&mut self, path: &str, span: Span) -> Value {
        let reason = format!(
            "`{path}()` at {} lists every imported module, {MARK}s, through which any module's names may change",
            self.line_at(span)
        );
        Value::unknown(reason, span)
    }

    /// A loop djsafe cannot unroll over `sys.modules` (or what was listed from it): what its
    /// body does to the modules it finds may change any module.
    pub(super) fn loop_over_modules(&mut self, frame: &mut Frame, iterable: &Value) {
        if matches!(&iterable.kind, Kind::External(path) if &**path == "sys.modules") {
            let reason = format!(
                "a loop over `sys.modules` at {} reaches {MARK}s, through which any module's names may change",
                self.line_at(iterable.origin)
            );
            self.forget_all_modules(frame, &reason);
            return;
        }
        self.through_unidentified(frame, iterable);
    }

    /// A handle made at `span` by `what` (see [`Run::through_unidentified`] for its uses).
    fn unidentified_module(&mut self, _frame: &mut Frame, what: &str, span: Span) -> Value {
        let reason = format!(
            "{what} at {} is {MARK}, through which any module's names may change",
            self.line_at(span)
        );
        Value::unknown(reason, span)
    }

    /// `value` is written through (an attribute or item assigned, a method called, passed to
    /// code djsafe does not follow): if it is a handle on a module djsafe cannot identify, or
    /// was read through one, every module's names and objects become unknown.
    pub(super) fn through_unidentified(&mut self, frame: &mut Frame, value: &Value) {
        if is_unidentified(value)
            && let Some(reason) = value.unknown_reason()
        {
            self.forget_all_modules(frame, &reason);
        }
    }

    /// Every project module's names (finished, running, and the frame's own) and the objects
    /// they hold become unknown; modules that finish later follow (see [`Run::module`]).
    fn forget_all_modules(&mut self, frame: &mut Frame, reason: &str) {
        let reason: Rc<str> = reason.into();
        if self.unidentified.is_none() {
            self.unidentified = Some(reason.clone());
            // Those running now are forgotten here; they bind their later names themselves.
            self.unidentified_running = self.stack.clone();
        }
        let mut held: Vec<Value> = Vec::new();
        let mut modules: Vec<usize> = self.modules.keys().copied().collect();
        modules.extend(self.stack.iter().copied());
        modules.sort_unstable();
        modules.dedup();
        for &module in &modules {
            if module == frame.module {
                continue;
            }
            let names = self.module_names(frame, module);
            held.extend(names.bindings.values().map(|b| b.value.clone()));
            self.forget_module_names(module, &reason);
        }
        held.extend(frame.ns.bindings.values().map(|b| b.value.clone()));
        if let Some(globals) = &frame.globals {
            held.extend(globals.bindings.values().map(|b| b.value.clone()));
            // A function's module is running: its names become unknown when its code runs again.
            self.forget_module_names(frame.module, &reason);
        }
        let control = frame.control.clone();
        self.forget_reachable(&held, &reason, &control);
        forget_bindings(&mut frame.ns, &reason);
        frame.ns.opaque.get_or_insert_with(|| reason.clone());
    }

    /// A module that finished running after a handle on an unidentified module was made: it
    /// may have been run, and changed, through the handle.
    pub(super) fn forget_if_unidentified(&mut self, module: usize, ns: &mut super::Namespace) {
        if let Some(reason) = self.unidentified.clone()
            && !self.unidentified_running.contains(&module)
        {
            let held: Vec<Value> = ns.bindings.values().map(|b| b.value.clone()).collect();
            self.forget_reachable(&held, &reason, &Default::default());
            forget_bindings(ns, &reason);
            ns.opaque.get_or_insert(reason);
        }
    }

    /// The project module named `dotted` that djsafe loaded (running, finished or not yet run).
    fn loaded_module(&self, dotted: &str) -> Option<usize> {
        (0..self.project.modules.len()).find(|&m| self.project.modules[m].name == dotted)
    }

    /// Whether `dotted` is inside one of the project's top-level packages (or is one).
    fn is_project_package(&self, dotted: &str) -> bool {
        let top = dotted.split('.').next().unwrap_or_default();
        dotted.starts_with('.')
            || self
                .project
                .modules
                .iter()
                .any(|m| m.name.split('.').next() == Some(top))
    }
}

/// The frame's names become unknown, except libraries, modules, functions and classes (as
/// [`Run::forget_module_names`] keeps them).
pub(super) fn forget_bindings(ns: &mut super::Namespace, reason: &Rc<str>) {
    for binding in ns.bindings.values_mut() {
        if !binding.value.is_unknown()
            && !matches!(
                binding.value.kind,
                Kind::External(_) | Kind::Module(_) | Kind::Function(_) | Kind::Class(_)
            )
        {
            binding.value =
                Value::unknown(reason.to_string(), binding.site).with_env(&binding.value.env);
        }
    }
}
