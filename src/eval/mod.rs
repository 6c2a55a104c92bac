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
//!    `toml_values` and `yaml_values` (TOML and YAML documents as Python's libraries load them),
//!    then `stdlib` (`json.loads`, `ast.literal_eval`...).
//! 3. The modelled functions that need the evaluator's state: `os_environ`, `builtins` and the
//!    configuration libraries in `libs`. They do not know each other, and use only the services
//!    of this file (`bind`, `diagnose`, `line_at`, `Frame::handles`), of `environment` (reads
//!    and writes of the process environment) and of `module_runs` (`module`, `import_module`).
//! 4. `external`, the dispatcher: the one place that knows every table of modelled functions
//!    (layers 2 and 3) and the order they are tried in; it also uses `mutation` to forget what an
//!    unmodelled call may change.
//! 5. The evaluator: this file's `Run` and `Frame`, `stmt`, `expr`, `call` (project functions),
//!    `closures` (the variables of enclosing functions), `global_statement` (`global` in them),
//!    `namespace_writes` (`globals()` as a dict), `classes`, `matching`, `mutation`,
//!    `module_attributes` and `unidentified` (modules as objects, found by name or not). These call one another, as an interpreter's statements,
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
mod environment;
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
mod module_runs;
pub use module_cache::ModuleCache;
mod mutation;
mod namespace_params;
mod namespace_writes;
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

use crate::syntax::NodeQueries;
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
    let bound = bound_variables(project, settings, scenario);
    let mut run = Run {
        project,
        cache,
        outside: 0,
        env_log: Vec::new(),
        env: scenario
            .vars
            .iter()
            .chain(&bound)
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect(),
        bound,
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
        maybe_raised: None,
        handling: Vec::new(),
        raise_site: None,
        scenario_label: stmt::scenario_label(scenario),
        files_read: Vec::new(),
        call_conditions: EnvDeps::default(),
        imported_by: HashMap::new(),
        diagnostics: BTreeSet::new(),
        code_execution: Vec::new(),
        env_writes: Vec::new(),
        environ_copy_written: None,
        optional_imports: Vec::new(),
        journal: Vec::new(),
        forks: 0,
        global_writes: Vec::new(),
        call_forks: 0,
        unidentified: None,
        unidentified_running: Vec::new(),
        next_alias: None,
        alias_failure: None,
        followed: false,
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

/// The variables Django sets while the settings run, unless the scenario sets them: it imports
/// settings only through `DJANGO_SETTINGS_MODULE`, so that variable names the module being
/// imported (a selector `settings/__init__.py` testing it takes the branch for its own name), and
/// django-configurations imports a class only through `DJANGO_CONFIGURATION`.
fn bound_variables(
    project: &Project,
    settings: &Settings,
    scenario: &Scenario,
) -> BTreeMap<String, String> {
    let free = |var: &str| !scenario.vars.contains_key(var) && !scenario.unknown.contains(var);
    let mut bound = BTreeMap::new();
    if free(crate::deploy::SETTINGS_MODULE) {
        bound.insert(
            crate::deploy::SETTINGS_MODULE.to_string(),
            project.modules[settings.module].name.clone(),
        );
    }
    if let Some(class) = &settings.class
        && free(crate::deploy::CONFIGURATION)
    {
        bound.insert(crate::deploy::CONFIGURATION.to_string(), class.clone());
    }
    bound
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
    /// The variables Django sets to name the settings being imported (see
    /// [`bound_variables`]): what is read from them holds whatever the scenario, so it depends
    /// on no variable.
    bound: BTreeMap<String, String>,
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
    /// Why the exception being propagated may not have been raised at all (an import djsafe
    /// cannot tell fails): the `try` that catches it makes what it assigns unknown.
    maybe_raised: Option<String>,
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
    /// Why copies of `os.environ` no longer read as the environment: one was written to (see
    /// `os_environ`).
    environ_copy_written: Option<Rc<str>>,
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
    /// The namespace the next function call's parameters are handed (see `namespace_params`).
    next_alias: Option<Rc<namespace_params::NamespaceAlias>>,
    /// Why a function handed another module's namespace may have bound names djsafe cannot
    /// list, once it did (see `namespace_params`).
    alias_failure: Option<String>,
    /// Whether the last function call djsafe evaluated was followed to its end.
    followed: bool,
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
    /// In a function call handed a module namespace (`helper(globals())`): the parameters that
    /// hold it (see `namespace_params`).
    namespace_alias: Option<Rc<namespace_params::NamespaceAlias>>,
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
    matches!(node.kind_name(), "comment" | "line_continuation")
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
}

#[cfg(test)]
mod tests;
