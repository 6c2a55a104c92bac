//! What a rule sees of one linted settings module: its settings evaluated under the scenarios
//! that matter, computed lazily and cached.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::dependencies::{Dependencies, DependencyFile};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::eval::value::{Value, python_repr};
use crate::eval::{Evaluation, ModuleCache, Namespace, Scenario, Settings, evaluate_with};
use crate::profile::Profile;
use crate::resolve::Project;
use crate::source::{FileId, Span};

pub use crate::eval::spellings::PROBES;

/// The probes that a person setting the variable means as "off".
pub const OFF_SPELLINGS: &[&str] = &["False", "false", "FALSE", "0", "no", "off", ""];

/// A deployment file that selects this module, with the environment it sets.
#[derive(Clone, Debug)]
pub struct DeploymentEnv {
    /// Display path of the file, e.g. `Dockerfile`.
    pub file: String,
    /// Variable → (value, line).
    pub vars: BTreeMap<String, (String, usize)>,
}

/// A variable the environment a module is linted under sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantVar {
    /// `None`: set to a value the repository does not say.
    pub value: Option<String>,
    /// The display path and line of the deployment file that sets it, if one does (a probed
    /// value is set nowhere).
    pub file: Option<String>,
    pub line: usize,
    /// That file in the source map, so findings can point at the line.
    pub source: Option<FileId>,
}

/// What the environment a module is linted under sets; every other variable is unset.
pub type VariantEnv = BTreeMap<String, VariantVar>;

static NO_VARIABLES: VariantEnv = BTreeMap::new();

pub struct Context<'a> {
    pub project: &'a Project,
    pub module: usize,
    /// The module, and the django-configurations class when the settings are one.
    settings: Settings,
    /// The deployment the module is for: some rules apply to production only.
    pub profile: Profile,
    pub deployments: &'a [DeploymentEnv],
    /// The project's dependency files (requirements, `pyproject.toml`, lock files).
    pub dependencies: &'a [DependencyFile],
    /// The Django release a dependency file pins (`4.2`), whose defaults `defaults` holds.
    pub pinned_django: Option<String>,
    /// Django's defaults, for settings the module never assigns.
    defaults: &'a Namespace,
    /// Variables `--env` sets in every scenario.
    pub(super) forced: &'a BTreeMap<String, String>,
    /// What the environment the module is linted under sets (a deployment's, or a probed
    /// environment name); empty for every variable unset.
    pub(super) variant: &'a VariantEnv,
    /// How findings name that environment (`docker-compose.prod.yml:4 (web)`).
    pub(super) variant_label: &'a str,
    cache: RefCell<BTreeMap<Scenario, Rc<Evaluation>>>,
    /// Evaluations shared with the contexts of the unit's other environments.
    shared: Option<&'a Evaluations>,
    /// Modules evaluated for other settings on this thread, to reuse (see `eval::ModuleCache`).
    modules: Option<&'a ModuleCache>,
    diagnostics: RefCell<BTreeSet<Diagnostic>>,
}

/// The evaluations of one settings module (or class) under the scenarios its rules asked for,
/// shared by the contexts of its environments: an evaluation depends on the scenario only
/// through the variables it consulted, so a scenario that agrees with an evaluated one on those
/// (a deployment that sets only variables the settings never read, a probe of one) is not
/// evaluated again; nor is one that sets a variable to a spelling every read of it gave the same
/// for (`DEBUG='false'` after `DEBUG='False'` where `DEBUG` is read with `env.bool`: see
/// `eval::spellings`).
#[derive(Default)]
pub struct Evaluations {
    done: RefCell<Vec<(Scenario, Rc<Evaluation>)>>,
}

impl Evaluations {
    fn find(&self, scenario: &Scenario) -> Option<Rc<Evaluation>> {
        let agrees = |done: &Scenario, evaluation: &Evaluation| {
            evaluation.consulted.iter().all(|var| {
                let unknown = done.unknown.contains(var);
                if unknown != scenario.unknown.contains(var) {
                    return false;
                }
                match (done.vars.get(var), scenario.vars.get(var)) {
                    (ran, asked) if ran == asked => true,
                    (Some(ran), Some(asked)) => {
                        !unknown && evaluation.spellings.agree(var, ran, asked)
                    }
                    _ => false,
                }
            })
        };
        self.done
            .borrow()
            .iter()
            .find(|(done, evaluation)| agrees(done, evaluation))
            .map(|(_, evaluation)| evaluation.clone())
    }
}

/// A setting's value, and whether the module assigns it or it is Django's default.
pub struct Effective {
    pub value: Value,
    pub assigned: bool,
}

/// What a rule found: the rest of a [`crate::finding::Finding`] comes from the context.
pub struct Draft {
    pub span: Span,
    pub message: String,
    pub scenario: String,
    pub notes: Vec<String>,
    /// The setting the finding is about (`DEBUG`, `CACHES`), `None` for a requirement line: part
    /// of the finding's fingerprint.
    pub setting: Option<String>,
    /// How to fix the finding automatically, when djsafe can (`check --fix --unsafe-fixes`).
    pub fix: Option<crate::fix::Fix>,
}

impl<'a> Context<'a> {
    pub fn new(
        project: &'a Project,
        settings: Settings,
        profile: Profile,
        deployments: &'a [DeploymentEnv],
        defaults: &'a Namespace,
        forced: &'a BTreeMap<String, String>,
    ) -> Self {
        Context {
            project,
            module: settings.module,
            settings,
            profile,
            deployments,
            dependencies: &[],
            pinned_django: None,
            defaults,
            forced,
            variant: &NO_VARIABLES,
            variant_label: "",
            cache: RefCell::default(),
            shared: None,
            modules: None,
            diagnostics: RefCell::default(),
        }
    }

    /// The project's dependency files, for the rules about what production installs, and the
    /// Django release they pin.
    pub fn with_dependencies(mut self, dependencies: &'a Dependencies) -> Self {
        self.dependencies = &dependencies.files;
        self.pinned_django = dependencies
            .django
            .source
            .is_some()
            .then(|| dependencies.django.version());
        self
    }

    /// Lint under the environment of a variant (a deployment's): every evaluation starts from
    /// what it sets.
    pub fn with_variant(mut self, label: &'a str, variant: &'a VariantEnv) -> Self {
        self.variant = variant;
        self.variant_label = label;
        self
    }

    /// Shares evaluations with the other contexts of the same settings (see [`Evaluations`]).
    pub fn with_evaluations(mut self, shared: &'a Evaluations) -> Self {
        self.shared = Some(shared);
        self
    }

    /// Reuses the modules other settings evaluated on this thread (see `eval::ModuleCache`).
    pub fn with_module_cache(mut self, modules: &'a ModuleCache) -> Self {
        self.modules = Some(modules);
        self
    }

    /// The variable the variant sets, if it does.
    pub fn set_by_variant(&self, var: &str) -> Option<&VariantVar> {
        self.variant.get(var)
    }

    /// The settings evaluated with `vars` set on top of the variant's environment (and `--env`).
    pub fn evaluation(&self, vars: BTreeMap<String, String>) -> Rc<Evaluation> {
        let mut scenario = Scenario::default();
        for (name, var) in self.variant {
            match &var.value {
                Some(value) => {
                    scenario.vars.insert(name.clone(), value.clone());
                }
                None if !vars.contains_key(name) => {
                    scenario.unknown.insert(name.clone());
                }
                None => {}
            }
        }
        scenario.vars.extend(vars);
        scenario
            .vars
            .extend(self.forced.iter().map(|(k, v)| (k.clone(), v.clone())));
        for forced in self.forced.keys() {
            scenario.unknown.remove(forced);
        }
        if let Some(done) = self.cache.borrow().get(&scenario) {
            return done.clone();
        }
        let known = self.shared.and_then(|shared| shared.find(&scenario));
        let done = known.unwrap_or_else(|| {
            let done = Rc::new(evaluate_with(
                self.project,
                &self.settings,
                &scenario,
                self.modules,
            ));
            if let Some(shared) = self.shared {
                shared
                    .done
                    .borrow_mut()
                    .push((scenario.clone(), done.clone()));
            }
            done
        });
        self.cache.borrow_mut().insert(scenario, done.clone());
        done
    }

    /// Whether `--env` sets `var` in every scenario: a value read from it is the user's, not a
    /// fallback written in the source.
    pub fn is_forced(&self, var: &str) -> bool {
        self.forced.contains_key(var)
    }

    /// Every variable unset (but those given with `--env`).
    pub fn baseline(&self) -> Rc<Evaluation> {
        self.evaluation(BTreeMap::new())
    }

    /// `module` evaluated on its own with every variable unset (neither the variant's nor
    /// `--env`'s), as `eval::evaluate` gives it: what a fix reads a file's names from. When the
    /// settings are that module, an evaluation the lint already made under a scenario that agrees
    /// on every variable it consulted is that evaluation (each fix used to evaluate the module
    /// again).
    pub fn unset_module_evaluation(&self, module: usize) -> Rc<Evaluation> {
        let unset = Scenario::default();
        if self.settings.class.is_none() && self.settings.module == module {
            if self.variant.is_empty() && self.forced.is_empty() {
                return self.baseline();
            }
            if let Some(done) = self.shared.and_then(|shared| shared.find(&unset)) {
                return done;
            }
        }
        Rc::new(evaluate_with(
            self.project,
            &Settings::module(module),
            &unset,
            self.modules,
        ))
    }

    /// A setting with every variable unset. `None` when the module never assigns it.
    pub fn setting(&self, name: &str) -> Option<Value> {
        self.baseline()
            .namespace
            .bindings
            .get(name)
            .map(|b| with_object_deps(&b.value))
    }

    /// A setting as Django sees it with every variable unset: what the module assigns, or
    /// Django's default. `None` for a setting that is neither (not a Django setting).
    pub fn effective(&self, name: &str) -> Option<Effective> {
        match self.setting(name) {
            Some(value) => Some(Effective {
                value,
                assigned: true,
            }),
            // Not assigned where djsafe can see, but names may come from code it cannot
            // (`from lib import *`, `exec`): Django's default is then only a guess.
            None => {
                let baseline = self.baseline();
                if let Some(opaque) = &baseline.namespace.opaque {
                    return Some(Effective {
                        value: Value::unknown(
                            format!("`{name}` may be set by {opaque}"),
                            self.anchor(),
                        ),
                        assigned: true,
                    });
                }
                self.defaults.bindings.get(name).map(|b| Effective {
                    value: b.value.clone(),
                    assigned: false,
                })
            }
        }
    }

    /// A path for a message: one near the linted folder is shown from there
    /// (`<project>/media`, `<project>/../cache`), so reports read the same on every machine.
    pub fn show_path(&self, path: &str) -> String {
        let root: Vec<String> = self
            .project
            .display_root()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let target: Vec<&str> = std::iter::once("/")
            .chain(path.split('/').filter(|p| !p.is_empty()))
            .collect();
        if !path.starts_with('/') {
            return path.to_string();
        }
        let common = root
            .iter()
            .zip(&target)
            .take_while(|(a, b)| a.as_str() == **b)
            .count();
        // Only paths that share more than the file system root with the project are relative.
        if common <= 1 {
            return path.to_string();
        }
        let ups = std::iter::repeat_n("..", root.len() - common);
        let rest = target[common..].iter().copied();
        std::iter::once("<project>")
            .chain(ups)
            .chain(rest)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The first line of the linted module: where a finding about a setting the module never
    /// assigns points, since there is no assignment to show.
    pub fn anchor(&self) -> Span {
        let file = self
            .project
            .sources
            .get(self.project.modules[self.module].file);
        let first_line = file.line_text(1).len();
        Span {
            file: self.project.modules[self.module].file,
            start: 0,
            end: first_line,
        }
    }

    /// A setting with one variable set to `value` and every other one unset.
    pub fn setting_with(&self, var: &str, value: &str, name: &str) -> Option<Value> {
        let vars = BTreeMap::from([(var.to_string(), value.to_string())]);
        self.evaluation(vars)
            .namespace
            .bindings
            .get(name)
            .map(|b| with_object_deps(&b.value))
    }

    /// Says that a setting a rule needs could not be determined, and why.
    pub fn unresolved(&self, setting: &str, value: &Value) {
        if let Some(reason) = value.unknown_reason() {
            self.diagnostics.borrow_mut().insert(Diagnostic::at(
                DiagnosticKind::UnresolvedSetting,
                value.origin,
                format!(
                    "`{setting}` in `{}` could not be determined: {reason}",
                    self.project.modules[self.module].name
                ),
            ));
        }
    }

    /// What the deployments selecting this module set `var` to, as notes for a finding about
    /// the value with the variables unset (under a deployment's own environment, the finding
    /// already says what it sets).
    pub fn deployment_notes(&self, vars: &BTreeSet<Rc<str>>) -> Vec<String> {
        let mut notes = Vec::new();
        if !self.variant.is_empty() {
            return notes;
        }
        for deployment in self.deployments {
            for var in vars {
                if let Some((value, line)) = deployment.vars.get(&**var) {
                    notes.push(format!(
                        "{}:{line} sets {var}={} for that deployment; any deployment without it gets the value above",
                        deployment.file,
                        python_repr(value)
                    ));
                }
            }
        }
        notes
    }

    pub fn into_diagnostics(self) -> impl Iterator<Item = Diagnostic> {
        let baseline = self.baseline();
        let mut all = self.diagnostics.into_inner();
        all.extend(baseline.diagnostics.iter().cloned());
        all.into_iter()
    }
}

/// A setting as rules see it: a list, dict or set also depends on the variables its changes
/// depended on (`MIDDLEWARE.insert(...)` under `if DEBUG:`), which its object records.
fn with_object_deps(value: &Value) -> Value {
    let deps = value.deps();
    value.clone().with_env(&deps)
}

/// `'a', 'b' or 'c'`, for messages.
pub fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| python_repr(s)).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

pub use super::scenario::variables;
