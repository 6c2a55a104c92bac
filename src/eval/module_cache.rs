//! Evaluating a shared module once (issue 11's "evaluate a shared base once per scenario"). The
//! settings modules of a project star-import the same base, and each of them is evaluated under
//! several scenarios (its deployments' environments, each spelling a rule probes a variable
//! with); Python would run the base once per process for each. A module's evaluation depends on
//! the run only through the environment variables it looked up (and through modules already
//! imported, the modules being imported, and the branch or call it is imported from, which is
//! why only a module imported first, at the top level of a module, is cached). So it is kept,
//! keyed by the values those variables had when it started, and a later run that agrees on them
//! gets a copy of its namespaces (its own and those of the modules it imported, their objects
//! shared as they were: `value::copy`) and of what it recorded (reads, comparisons,
//! diagnostics, writes to the environment), exactly as evaluating it again would give.
//!
//! A cache lives as long as one worker's batch of settings modules (values are reference
//! counted, so they stay on one thread).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::rc::Rc;

use super::value::copy::Copier;
use super::{CodeExecution, EnvChange, EnvWrite, Namespace, OptionalImport, Run};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

/// Evaluated modules, each under the scenarios it was evaluated in.
#[derive(Default)]
pub struct ModuleCache {
    entries: RefCell<HashMap<usize, Vec<Entry>>>,
    reused: std::cell::Cell<usize>,
}

impl ModuleCache {
    /// How many module evaluations it has given instead of evaluating them again.
    pub fn reused(&self) -> usize {
        self.reused.get()
    }
}

/// One evaluation of a module.
struct Entry {
    /// Each variable it looked up, with the value it had when the module started (`None` for
    /// absent, `Some(None)` for unset by the settings) and whether it was set to a value the
    /// repository does not say.
    key: Vec<(String, Option<Option<String>>, bool)>,
    /// The namespaces of the module and of every module it imported, at its end.
    namespaces: Vec<(usize, Namespace)>,
    effects: Effects,
}

/// What evaluating a module recorded in its run besides namespaces.
#[derive(Default)]
pub(super) struct Effects {
    pub diagnostics: BTreeSet<Diagnostic>,
    pub compared: BTreeMap<Rc<str>, BTreeSet<Rc<str>>>,
    pub read: BTreeSet<Rc<str>>,
    pub consulted: BTreeSet<String>,
    pub spellings: super::spellings::Spellings,
    pub imported_by: HashMap<FileId, Span>,
    pub code_execution: Vec<CodeExecution>,
    pub optional_imports: Vec<OptionalImport>,
    pub env_writes: Vec<EnvWrite>,
    pub dotenv: BTreeMap<PathBuf, BTreeMap<String, String>>,
    /// Every write to the process environment, in order (the `env_writes` a report shows leave
    /// out those of a dotenv file).
    pub env_log: Vec<EnvChange>,
    /// Why copies of `os.environ` no longer read as the environment, once one was written to
    /// (see `os_environ`): a copy the module made may be read by its importers.
    pub environ_copy_written: Option<Rc<str>>,
}

/// The run's state when a cached module started, to check at its end that nothing outside it
/// decided its evaluation.
pub(super) struct Start {
    outer: Effects,
    env: HashMap<String, Option<String>>,
    unknown_env: BTreeSet<String>,
    outside: usize,
    files_read: usize,
}

impl Run<'_> {
    /// Whether a module imported now evaluates the same in any run that agrees on the variables
    /// it looks up: nothing imported yet (so it sees no other module's objects), not inside a
    /// function call, an undecided branch or an expression.
    pub(super) fn cacheable(&self) -> bool {
        self.cache.is_some()
            && self.modules.is_empty()
            && self.forks == 0
            && self.call_depth == 0
            && self.expr_depth == 0
            && self.raised.is_none()
            && self.global_writes.is_empty()
            && self.forgotten.is_empty()
            && self.unidentified.is_none()
            // Its reads of a copy of `os.environ` would depend on the writes before it.
            && self.environ_copy_written.is_none()
    }

    /// The module's namespace from an evaluation that agrees with this run, its records and
    /// writes to the environment replayed here.
    pub(super) fn reuse(&mut self, index: usize) -> Option<Rc<Namespace>> {
        let cache = self.cache?;
        let entries = cache.entries.borrow();
        let entry = entries.get(&index)?.iter().find(|entry| {
            entry.key.iter().all(|(var, value, unknown)| {
                self.env.get(var) == value.as_ref() && self.unknown_env.contains(var) == *unknown
            }) && entry
                .namespaces
                .iter()
                .all(|(module, _)| !self.stack.contains(module))
        })?;
        crate::stats::count(&crate::stats::MODULES_REUSED);
        cache.reused.set(cache.reused.get() + 1);
        let mut copier = Copier::default();
        for (module, namespace) in &entry.namespaces {
            self.modules
                .insert(*module, Rc::new(copier.namespace(namespace)));
        }
        let mut effects = copy_effects(&entry.effects, &mut copier);
        // Replayed first: replaying logs each change again, and the merge below must not log
        // them twice.
        for change in std::mem::take(&mut effects.env_log) {
            self.replay_env(&change);
        }
        self.merge(effects);
        self.modules.get(&index).cloned()
    }

    /// Starts recording what a cacheable module does, apart from what the run did before.
    pub(super) fn start_recording(&mut self) -> Start {
        let outer = self.take_effects();
        Start {
            outer,
            env: self.env.clone(),
            unknown_env: self.unknown_env.clone(),
            outside: self.outside,
            files_read: self.files_read.len(),
        }
    }

    /// Ends the recording of module `index` (its namespace already among the run's modules):
    /// what it recorded joins the run's records, and it is cached unless something outside it
    /// decided its evaluation.
    pub(super) fn stop_recording(&mut self, index: usize, start: Start) {
        let mine = self.take_effects();
        let decided_inside = self.outside == start.outside
            && self.files_read.len() == start.files_read
            && self.raised.is_none()
            && self.global_writes.is_empty()
            && self.forgotten.is_empty();
        if decided_inside && let Some(cache) = self.cache {
            let key = mine
                .consulted
                .iter()
                .map(|var| {
                    (
                        var.clone(),
                        start.env.get(var).cloned(),
                        start.unknown_env.contains(var),
                    )
                })
                .collect();
            let mut copier = Copier::default();
            let mut namespaces: Vec<(usize, Namespace)> = self
                .modules
                .iter()
                .map(|(module, namespace)| (*module, copier.namespace(namespace)))
                .collect();
            namespaces.sort_by_key(|(module, _)| *module);
            let effects = copy_effects(&mine, &mut copier);
            cache
                .entries
                .borrow_mut()
                .entry(index)
                .or_default()
                .push(Entry {
                    key,
                    namespaces,
                    effects,
                });
        }
        self.restore_effects(start.outer);
        self.merge(mine);
    }

    fn take_effects(&mut self) -> Effects {
        Effects {
            diagnostics: std::mem::take(&mut self.diagnostics),
            compared: std::mem::take(&mut self.compared),
            read: std::mem::take(&mut self.read),
            consulted: std::mem::take(self.consulted.get_mut()),
            spellings: std::mem::take(self.spellings.get_mut()),
            imported_by: std::mem::take(&mut self.imported_by),
            code_execution: std::mem::take(&mut self.code_execution),
            optional_imports: std::mem::take(&mut self.optional_imports),
            env_writes: std::mem::take(&mut self.env_writes),
            dotenv: std::mem::take(&mut self.dotenv),
            env_log: std::mem::take(&mut self.env_log),
            environ_copy_written: self.environ_copy_written.take(),
        }
    }

    fn restore_effects(&mut self, effects: Effects) {
        self.diagnostics = effects.diagnostics;
        self.compared = effects.compared;
        self.read = effects.read;
        *self.consulted.get_mut() = effects.consulted;
        *self.spellings.get_mut() = effects.spellings;
        self.imported_by = effects.imported_by;
        self.code_execution = effects.code_execution;
        self.optional_imports = effects.optional_imports;
        self.env_writes = effects.env_writes;
        self.dotenv = effects.dotenv;
        self.env_log = effects.env_log;
        self.environ_copy_written = effects.environ_copy_written;
    }

    /// Adds a module's records to the run's, as if it had recorded them itself after what the
    /// run recorded before it.
    fn merge(&mut self, mine: Effects) {
        self.diagnostics.extend(mine.diagnostics);
        for (var, literals) in mine.compared {
            self.compared.entry(var).or_default().extend(literals);
        }
        self.read.extend(mine.read);
        self.consulted.get_mut().extend(mine.consulted);
        self.spellings.get_mut().extend(mine.spellings);
        for (file, span) in mine.imported_by {
            self.imported_by.entry(file).or_insert(span);
        }
        self.code_execution.extend(mine.code_execution);
        self.optional_imports.extend(mine.optional_imports);
        self.env_writes.extend(mine.env_writes);
        for (path, values) in mine.dotenv {
            self.dotenv.entry(path).or_default().extend(values);
        }
        self.env_log.extend(mine.env_log);
        if self.environ_copy_written.is_none() {
            self.environ_copy_written = mine.environ_copy_written;
        }
    }
}

/// The records of a module's evaluation, the values among them copied with the namespaces'
/// `copier`.
fn copy_effects(effects: &Effects, copier: &mut Copier) -> Effects {
    Effects {
        diagnostics: effects.diagnostics.clone(),
        compared: effects.compared.clone(),
        read: effects.read.clone(),
        consulted: effects.consulted.clone(),
        spellings: effects.spellings.clone(),
        imported_by: effects.imported_by.clone(),
        code_execution: effects.code_execution.clone(),
        optional_imports: effects.optional_imports.clone(),
        env_writes: effects
            .env_writes
            .iter()
            .map(|write| EnvWrite {
                var: write.var.clone(),
                value: copier.value(&write.value),
                span: write.span,
            })
            .collect(),
        dotenv: effects.dotenv.clone(),
        env_log: effects.env_log.clone(),
        environ_copy_written: effects.environ_copy_written.clone(),
    }
}
