//! Evaluating settings modules the way Python would import them, without running anything:
//! statements in order over abstract values, star imports copied between namespaces, environment
//! variables read from a [`Scenario`] and recorded, and anything djsafe cannot follow turned into
//! `Unknown` with a reason.
//!
//! Layers, each using only the ones above it (the evaluator `Run` is one type whose methods are
//! spread over the files, so for its methods the rule is about which ones a file calls):
//! 1. `value`: the abstract values, namespaces and call arguments; `strings`: Python's literal
//!    syntax. Neither uses anything else in eval.
//! 2. Pure functions of values, with no evaluator state: `paths` (`pathlib`, `os.path`), then
//!    `library_values` (values of library objects), then `ops` (operators, comparisons,
//!    `str()`/`repr()`, `%` and `.format()`, container access, methods of the builtin types), then
//!    `stdlib` (`json.loads`, `ast.literal_eval`...).
//! 3. The modelled functions that need the evaluator's state: `os_environ`, `builtins` and the
//!    configuration libraries in `libs`. They do not know each other, and use only the services
//!    of this file (environment reads, `bind`, `module`, `diagnose`, `line_at`, `Frame::handles`).
//! 4. `external`, the dispatcher: the one place that knows every table of modelled functions
//!    (layers 2 and 3) and the order they are tried in; it also uses `mutation` to forget what an
//!    unmodelled call may change.
//! 5. The evaluator: this file's `Run` and `Frame`, `stmt`, `expr`, `call` (project functions),
//!    `global_statement` (`global` in them),
//!    `classes`, `matching`, `mutation`. These call one another, as an interpreter's statements,
//!    expressions and calls nest, and call down into `external` and layers 1-3.
//!
//! Two edges go back up, because the Python they model does: a cast handed to a library
//! (`env('X', cast=int)`, `config('X', cast=my_helper)`) is a call, so `libs` calls the dispatcher
//! or a project function for it; and django-split-settings' `include()` runs the included file's
//! statements.

mod builtins;
mod call;
mod classes;
mod closures;
mod escape;
pub(crate) mod exec_files;
pub use classes::configuration_classes;
mod expr;
mod external;
mod files;
mod global_statement;
mod journal;
mod library_values;
mod libs;
mod matching;
mod module_attributes;
mod module_cache;
pub use module_cache::ModuleCache;
mod mutation;
mod ops;
mod os_environ;
mod paths;
pub mod spellings;
mod stdlib;
mod stmt;
mod strings;
mod toml_values;
mod unidentified;
mod url_configs;
pub mod value;
mod yaml_values;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::rc::Rc;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::resolve::Project;
use crate::source::{FileId, Span};
pub use value::{Binding, Namespace};
use value::{EnvDeps, Value};

/// The environment a settings module is imported under: the variables listed are set to these
/// values, every other variable is unset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Scenario {
    pub vars: BTreeMap<String, String>,
    /// Variables that are set to a value the repository does not say (a Kubernetes
    /// `valueFrom`, a platform secret): reads of them are [`value::Kind::FromEnv`].
    pub unknown: BTreeSet<String>,
}

impl Scenario {
    /// These variables set to these values, every other one unset.
    pub fn with_vars(vars: BTreeMap<String, String>) -> Self {
        Scenario {
            vars,
            unknown: BTreeSet::new(),
        }
    }
}

/// What reading an environment variable gives under the scenario.
pub(crate) enum EnvRead {
    Unset,
    Set(String),
    /// Set, to a value the repository does not say.
    SetUnknown,
}

/// An import inside `try: ... except ImportError:`: whether its module exists in the repository
/// (so the import runs) or not (so the `except` branch does).
#[derive(Clone, Debug)]
pub struct OptionalImport {
    pub span: Span,
    pub module: Rc<str>,
    pub present: bool,
}

/// What importing one settings module under one scenario produced.
pub struct Evaluation {
    pub namespace: Rc<Namespace>,
    /// `eval`/`exec` calls on values derived from environment variables.
    pub code_execution: Vec<CodeExecution>,
    /// Writes to `os.environ` made while importing, in order.
    pub env_writes: Vec<EnvWrite>,
    /// Imports of modules that may be absent (`try: from .local import * except ImportError:`).
    pub optional_imports: Vec<OptionalImport>,
    /// For each module file that was imported, the import statement that first imported it: the
    /// chain from the entry module to any file is read off these.
    pub imported_by: HashMap<FileId, Span>,
    pub diagnostics: BTreeSet<Diagnostic>,
    /// The string literals each environment variable's value was compared with (`== 'production'`,
    /// `in ('prod', 'live')`, `match` cases): the values that pick a branch of the settings.
    pub compared: BTreeMap<Rc<str>, BTreeSet<Rc<str>>>,
    /// The environment variables the settings read (`os.getenv`, `os.environ`, `in os.environ`,
    /// the configuration libraries).
    pub read: BTreeSet<Rc<str>>,
    /// Every variable whose value the evaluation looked up, for any reason (`read`, and the
    /// checks of `os.environ.setdefault` and friends): the evaluation depends on the scenario
    /// through these alone, so another scenario that agrees on them evaluates the same.
    pub consulted: BTreeSet<String>,
    /// How each consulted variable was read: which of its probed spellings the evaluation
    /// cannot tell apart (see `spellings`).
    pub spellings: spellings::Spellings,
    /// Committed dotenv files the settings loaded (`environ.Env.read_env`, python-decouple's
    /// `.env`), and the value each variable they supplied got from them: those values are the
    /// file's, reported at its lines, not the settings'.
    pub dotenv: BTreeMap<PathBuf, BTreeMap<String, String>>,
}

impl Evaluation {
    /// Whether `text` is (part of) a value a loaded dotenv file gave one of `vars`.
    pub fn from_dotenv(&self, vars: &BTreeSet<Rc<str>>, text: &str) -> bool {
        !text.is_empty()
            && self.dotenv.values().any(|values| {
                vars.iter()
                    .any(|var| values.get(&**var).is_some_and(|v| v.contains(text)))
            })
    }

    /// The import statements leading from the entry module to `file`, outermost first.
    pub fn chain_to(&self, file: FileId) -> Vec<Span> {
        let mut chain = Vec::new();
        let mut current = file;
        while let Some(&import) = self.imported_by.get(&current) {
            if chain.contains(&import) {
                break;
            }
            chain.push(import);
            current = import.file;
        }
        chain.reverse();
        chain
    }
}

/// What Django loads as settings: a module, or with django-configurations a class in it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Settings {
    pub module: usize,
    pub class: Option<String>,
}

impl Settings {
    pub fn module(module: usize) -> Self {
        Settings {
            module,
            class: None,
        }
    }
}

pub fn evaluate(project: &Project, settings: &Settings, scenario: &Scenario) -> Evaluation {
    evaluate_with(project, settings, scenario, None)
}

/// [`evaluate`], reusing the modules `cache` holds from earlier evaluations on this thread and
/// adding those it evaluates (see `module_cache`).
pub fn evaluate_with(
    project: &Project,
    settings: &Settings,
    scenario: &Scenario,
    cache: Option<&ModuleCache>,
) -> Evaluation {
    crate::stats::count(&crate::stats::EVALUATIONS);
    let mut run = Run {
        project,
        cache,
        outside: 0,
        env_log: Vec::new(),
        env: scenario
            .vars
            .iter()
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect(),
        unknown_env: scenario.unknown.clone(),
        compared: BTreeMap::new(),
        read: BTreeSet::new(),
        consulted: Default::default(),
        spellings: Default::default(),
        dotenv: BTreeMap::new(),
        modules: HashMap::new(),
        partial: HashMap::new(),
        forgotten: Vec::new(),
        stack: Vec::new(),
        call_steps: 0,
        call_depth: 0,
        expr_depth: 0,
        raised: None,
        handling: Vec::new(),
        raise_site: None,
        scenario_label: stmt::scenario_label(scenario),
        files_read: Vec::new(),
        call_conditions: EnvDeps::default(),
        imported_by: HashMap::new(),
        diagnostics: BTreeSet::new(),
        code_execution: Vec::new(),
        env_writes: Vec::new(),
        optional_imports: Vec::new(),
        journal: Vec::new(),
        forks: 0,
        global_writes: Vec::new(),
        call_forks: 0,
        unidentified: None,
        unidentified_running: Vec::new(),
    };
    let namespace = run.module(settings.module);
    let namespace = match &settings.class {
        Some(class) => run.configuration(&namespace, class),
        None => namespace,
    };
    Evaluation {
        namespace,
        imported_by: run.imported_by,
        diagnostics: run.diagnostics,
        code_execution: run.code_execution,
        optional_imports: run.optional_imports,
        env_writes: run.env_writes,
        compared: run.compared,
        read: run.read,
        consulted: run.consulted.into_inner(),
        spellings: run.spellings.into_inner(),
        dotenv: run.dotenv,
    }
}

/// A call of `eval` or `exec` on a value derived from environment variables.
#[derive(Clone, Debug)]
pub struct CodeExecution {
    pub span: Span,
    pub function: Rc<str>,
    pub env: EnvDeps,
}

/// A write to the process environment by the settings (`os.environ['X'] = ...`, or
/// `os.environ.setdefault('X', ...)` while `X` is unset): Django reads some variables
/// (`DJANGO_ALLOW_ASYNC_UNSAFE`) from the environment after the settings are imported.
#[derive(Clone, Debug)]
pub struct EnvWrite {
    pub var: Rc<str>,
    /// The value written, with the variables of the branch that wrote it.
    pub value: Value,
    /// The statement or call that wrote it.
    pub span: Span,
}

/// One import of an entry module: the state Python keeps while importing (`sys.modules`,
/// `os.environ`), plus what djsafe records about it.
struct Run<'p> {
    project: &'p Project,
    /// Modules evaluated by earlier runs on this thread, to reuse (see `module_cache`).
    cache: Option<&'p ModuleCache>,
    /// How many times the evaluation depended on something outside the module being evaluated
    /// (a module being imported, found by an import cycle): a cached module must not.
    outside: usize,
    /// Every write to the process environment, in order, for `module_cache` to replay.
    env_log: Vec<EnvChange>,
    /// `Some` for a set variable, `None` for one the settings unset; absent means unset.
    env: HashMap<String, Option<String>>,
    /// Variables set to a value the repository does not say, unless the settings set them.
    unknown_env: BTreeSet<String>,
    /// See [`Evaluation::compared`].
    compared: BTreeMap<Rc<str>, BTreeSet<Rc<str>>>,
    /// See [`Evaluation::read`].
    read: BTreeSet<Rc<str>>,
    /// See [`Evaluation::consulted`].
    consulted: std::cell::RefCell<BTreeSet<String>>,
    /// See [`Evaluation::spellings`].
    spellings: std::cell::RefCell<spellings::Spellings>,
    /// See [`Evaluation::dotenv`].
    dotenv: BTreeMap<PathBuf, BTreeMap<String, String>>,
    modules: HashMap<usize, Rc<Namespace>>,
    /// Modules still running (on `stack`), each as it was when it last imported a module: what
    /// an import cycle back to it sees, as Python's partly initialised module in `sys.modules`.
    /// Its lists, dicts and sets are the module's own, so a change made through them lands.
    partial: HashMap<usize, Rc<Namespace>>,
    /// Modules still running that were reached where djsafe stops following, and why: their
    /// names become unknown when their code runs again (see `module_attributes`).
    forgotten: Vec<(usize, Rc<str>)>,
    stack: Vec<usize>,
    /// Statements run inside the function call being evaluated, and how deep calls are nested.
    call_steps: usize,
    call_depth: usize,
    /// How deep the expression being evaluated is nested.
    expr_depth: usize,
    /// An exception raised by the expression being evaluated, turned into [`Exit::Exception`]
    /// when its statement ends.
    raised: Option<&'static str>,
    /// The exceptions the `except` clauses being run caught, innermost last: what a bare
    /// `raise` raises again.
    handling: Vec<&'static str>,
    /// The statement the exception being propagated came out of (see `stmt::uncaught`).
    raise_site: Option<Span>,
    /// The environment evaluated, for messages: `with every environment variable unset`.
    scenario_label: String,
    /// The file objects (`open()`) read so far: a second read gets nothing. Held, not just
    /// their addresses, so that a file object opened later cannot reuse the address of one
    /// that was dropped (a loop opening one file per iteration).
    files_read: Vec<Rc<value::Instance>>,
    /// The environment variables the conditions of the function call being evaluated read: its
    /// result depends on them even when it is returned after the branch (an early return).
    call_conditions: EnvDeps,
    imported_by: HashMap<FileId, Span>,
    diagnostics: BTreeSet<Diagnostic>,
    code_execution: Vec<CodeExecution>,
    optional_imports: Vec<OptionalImport>,
    env_writes: Vec<EnvWrite>,
    /// Contents of objects changed inside undecided branches, to undo them (see `mutation`).
    journal: Vec<journal::Undo>,
    /// How many undecided branches are running.
    forks: usize,
    /// `globals()[name] = value` run inside function calls, not yet applied to the namespace of
    /// the function's module (see `call::write_global`).
    global_writes: Vec<call::GlobalWrite>,
    /// `forks` when the function call being evaluated started.
    call_forks: usize,
    /// Why a handle on a module djsafe cannot identify was made, once one was: modules that
    /// finish afterwards may have been changed through it (see `unidentified`).
    unidentified: Option<Rc<str>>,
    /// The modules running when `unidentified` was set.
    unidentified_running: Vec<usize>,
}

/// A write to the process environment, as `module_cache` replays it.
#[derive(Clone, Debug)]
enum EnvChange {
    /// Set to a value (`None`: unset).
    Set(String, Option<String>),
    /// Set to a value the repository does not say.
    Unknown(String),
}

/// The module being executed.
struct Frame {
    module: usize,
    file: FileId,
    ns: Namespace,
    /// Environment variables the current branch depends on; values bound in it inherit them.
    control: EnvDeps,
    /// The `except` clauses of the enclosing `try` statements, innermost last: an exception they
    /// catch is expected (a missing optional module), not a problem to report.
    handled: Vec<Vec<stmt::Handler>>,
    /// In a function call: the module namespace the function's globals are looked up in.
    globals: Option<Rc<Namespace>>,
    /// In a function call: the names its `global` statements declare. They live in `ns` while
    /// the function runs (so branches and loops treat them as any name) and are written to the
    /// module when it returns (see `call::call_function`).
    global_names: Vec<Rc<str>>,
}

/// Why a block stopped before its end.
enum Exit {
    /// An exception djsafe tracks (a failed import, `int('x')`), by class name, so
    /// `try: ... except ImportError:` takes the right path.
    Exception(&'static str),
    /// `return` in a function djsafe is evaluating.
    Return(Value),
    /// A function call djsafe stopped following, and why.
    GaveUp(String),
}

/// Comments and line continuations, which tree-sitter puts among an expression's children.
fn is_extra(node: tree_sitter::Node) -> bool {
    matches!(node.kind(), "comment" | "line_continuation")
}

/// The named children of a node that are code, not comments.
fn code_children(node: tree_sitter::Node) -> Vec<tree_sitter::Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| !is_extra(*c))
        .collect()
}

impl Frame {
    /// Whether an enclosing `try` catches `exception` and goes on: in each `try`, innermost
    /// first, the first clause that catches it is the one Python runs; a clause that only
    /// raises passes it (or another exception) outwards, as if it were not there.
    fn handles(&self, exception: &str) -> bool {
        self.handled.iter().rev().any(|clauses| {
            clauses
                .iter()
                .find(|clause| stmt::catches(&clause.types, exception))
                .is_some_and(|clause| !clause.raises)
        })
    }
}

impl Run<'_> {
    /// Evaluates a project module (once per run, like `sys.modules`) and returns its namespace.
    fn module(&mut self, index: usize) -> Rc<Namespace> {
        if let Some(ns) = self.modules.get(&index) {
            return ns.clone();
        }
        // A module still running is not run again: it is seen as it was at its last import.
        if self.stack.contains(&index) {
            return self.partial.get(&index).cloned().unwrap_or_default();
        }
        // The settings module itself is reused when another evaluation imported it, but not
        // kept: the unit's own evaluations are shared by `rules::context::Evaluations`, and
        // copying every one of them would cost more than the few reuses it would give.
        let recording = if self.cacheable() {
            if let Some(ns) = self.reuse(index) {
                return ns;
            }
            (!self.stack.is_empty()).then(|| self.start_recording())
        } else {
            None
        };
        crate::stats::count(&crate::stats::MODULES_EVALUATED);
        self.stack.push(index);
        let module = &self.project.modules[index];
        let mut frame = Frame {
            module: index,
            file: module.file,
            ns: Namespace::default(),
            control: EnvDeps::default(),
            handled: Vec::new(),
            globals: None,
            global_names: Vec::new(),
        };
        // Evaluation goes on after an uncaught exception: Python would stop, but the statements
        // after it still describe what the author meant to deploy, and losing their findings
        // would hide problems. The exception itself was already reported.
        // Only the statements its importers need (see `crate::demand`): what it imports for the
        // others was not loaded.
        let root = self.project.tree(index).root_node();
        let _ = match &module.kept {
            None => self.block(&mut frame, root),
            Some(kept) => self.block_kept(&mut frame, root, kept),
        };
        self.stack.pop();
        self.partial.remove(&index);
        self.forget_if_unidentified(index, &mut frame.ns);
        let ns = Rc::new(frame.ns);
        self.modules.insert(index, ns.clone());
        if let Some(start) = recording {
            self.stop_recording(index, start);
        }
        ns
    }

    /// Imports a project module from `import_span` in the current frame, detecting cycles.
    fn import_module(
        &mut self,
        frame: &Frame,
        index: usize,
        import_span: Span,
    ) -> Option<Rc<Namespace>> {
        if !self.modules.contains_key(&index) && self.stack.contains(&frame.module) {
            let names = self.module_names(frame, frame.module);
            self.partial.insert(frame.module, names);
        }
        if let Some(position) = self.stack.iter().position(|&m| m == index) {
            self.outside += 1;
            let names: Vec<&str> = self.stack[position..]
                .iter()
                .chain(std::iter::once(&index))
                .map(|&m| self.project.modules[m].name.as_str())
                .collect();
            self.diagnose(
                DiagnosticKind::ImportCycle,
                import_span,
                format!(
                    "import cycle: {}; this import sees only the names `{}` bound before it imported the next module, as in Python",
                    names.join(" → "),
                    self.project.modules[index].name
                ),
            );
            return Some(self.partial.get(&index).cloned().unwrap_or_default());
        }
        let file = self.project.modules[index].file;
        if file != frame.file {
            self.imported_by.entry(file).or_insert(import_span);
        }
        Some(self.module(index))
    }

    /// Binds `name` in the frame's namespace; the value depends on the variables the current
    /// branch depends on.
    fn bind(&mut self, frame: &mut Frame, name: &str, value: Value, site: Span) {
        let value = value.with_env(&frame.control);
        frame
            .ns
            .bindings
            .insert(name.into(), Binding { value, site });
    }

    /// `file:line` of a span.
    fn line_at(&self, span: Span) -> String {
        let file = self.project.sources.get(span.file);
        format!("{}:{}", file.display, file.position(span.start).line)
    }

    fn diagnose(&mut self, kind: DiagnosticKind, span: Span, message: String) {
        self.diagnostics.insert(Diagnostic::at(kind, span, message));
    }

    /// Reads an environment variable as the scenario (and the settings so far) have it; a
    /// variable set to a value the repository does not say reads as unset here, so callers that
    /// must tell use [`Run::env_read`].
    fn getenv(&self, name: &str) -> Option<String> {
        self.consult(name);
        self.env.get(name).cloned().flatten()
    }

    /// Sets (or unsets, with `None`) a variable of the process environment, as the settings do.
    fn set_env(&mut self, name: String, value: Option<String>) {
        self.env_log
            .push(EnvChange::Set(name.clone(), value.clone()));
        self.env.insert(name, value);
    }

    /// Sets a variable of the process environment to a value the repository does not say.
    fn set_env_unknown(&mut self, name: String) {
        self.env_log.push(EnvChange::Unknown(name.clone()));
        self.env.remove(&name);
        self.unknown_env.insert(name);
    }

    /// Applies a change to the process environment made by an evaluation being reused.
    fn replay_env(&mut self, change: &EnvChange) {
        match change {
            EnvChange::Set(name, value) => self.set_env(name.clone(), value.clone()),
            EnvChange::Unknown(name) => self.set_env_unknown(name.clone()),
        }
    }

    /// Records that the evaluation depends on the text of variable `name` (see `spellings`).
    fn consult(&self, name: &str) {
        self.consult_through_table(name);
        if !self.spellings.borrow().opaque.contains(name) {
            self.spellings.borrow_mut().opaque.insert(name.to_string());
        }
    }

    /// Records that the evaluation depends on variable `name` only as a table of its spellings
    /// says (the caller records the table).
    fn consult_through_table(&self, name: &str) {
        if !self.consulted.borrow().contains(name) {
            self.consulted.borrow_mut().insert(name.to_string());
        }
    }

    /// [`Run::env_read`] for a read whose result is the same for the spellings `table` puts
    /// together, and that reads nothing else of the variable's text; without a table, a read
    /// like any other.
    fn env_read_as(&mut self, name: &str, table: Option<spellings::Table>) -> EnvRead {
        let Some(table) = table else {
            return self.env_read(name);
        };
        self.consult_through_table(name);
        self.spellings
            .get_mut()
            .tables
            .entry(name.to_string())
            .or_default()
            .push(table);
        self.scenario_value(name)
    }

    fn env_read(&mut self, name: &str) -> EnvRead {
        self.consult(name);
        self.scenario_value(name)
    }

    /// The variable's value in this scenario, recorded as read.
    fn scenario_value(&mut self, name: &str) -> EnvRead {
        if !self.read.contains(name) {
            self.read.insert(name.into());
        }
        match self.env.get(name) {
            Some(Some(value)) => EnvRead::Set(value.clone()),
            Some(None) => EnvRead::Unset,
            None if self.unknown_env.contains(name) => EnvRead::SetUnknown,
            None => EnvRead::Unset,
        }
    }

    /// Records that a value read from the environment was compared with string literals.
    fn record_comparison(&mut self, subject: &value::Value, other: &value::Value) {
        let [var] = subject.env.iter().collect::<Vec<_>>()[..] else {
            return;
        };
        let literals: Vec<Rc<str>> = match &other.kind {
            value::Kind::Str(s) => vec![s.clone()],
            value::Kind::List(_) | value::Kind::Tuple(_) | value::Kind::Set(_) => other
                .items()
                .unwrap_or_default()
                .iter()
                .filter_map(|i| match &i.kind {
                    value::Kind::Str(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            _ => return,
        };
        // Only literals written in the settings, not values read from the environment too.
        if !other.env.is_empty() {
            return;
        }
        self.compared
            .entry(var.clone())
            .or_default()
            .extend(literals);
    }
}

#[cfg(test)]
mod tests;
