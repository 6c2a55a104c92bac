//! What is linted, and as what. Each deployment the repository describes runs one settings
//! module (and django-configurations class): the one it names, or the one the entry point it
//! starts falls back to. A module is linted as a [`Unit`] under each environment that matters
//! (a [`Variant`]: every variable unset, and each deployment's environment), and each variant
//! gets the profile its deployment implies. Settings modules no deployment runs are linted on
//! their own only when they stand alone: not a shared base or fragment that others import, not
//! an empty package, not another framework's settings.

//!
//! Planning runs in phases, one file each: what each deployment runs ([`resolve`], with
//! [`companions`]), where deployments say what runs ([`scope`]), the units deployments run
//! ([`deployed_units`], then [`configurations`] for the other deployable classes), the modules
//! that stand alone ([`standalone`], minus [`stale`] siblings), and the development defaults of
//! server entry points ([`fallbacks`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::deploy::{Deployment, Origin, Role, SourceKind};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::discover::{Discovery, display_path};
use crate::eval::Settings;
use crate::profile::{Classified, Profile};
use crate::resolve::Project;

use super::extensions;

mod companions;
mod configurations;
mod container_files;
mod deployed_units;
mod fallbacks;
mod resolve;
mod scope;
mod selectors;
mod stale;
mod standalone;

pub(super) use configurations::configuration_classes;

/// One environment a unit is evaluated under.
#[derive(Clone, Debug)]
pub struct Variant<'d> {
    /// The deployment whose environment this is; `None` for every variable unset.
    pub deployment: Option<&'d Deployment>,
    /// What the variant sets: each variable's value (`None` when set to a value the repository
    /// does not say) and where it is set.
    pub env: BTreeMap<String, Setting>,
    /// How findings name the variant: `docker-compose.prod.yml:4 (web)`, `DJANGO_ENV='production'`.
    pub label: String,
    pub profile: Profile,
    pub reason: String,
}

impl Variant<'_> {
    /// The variant with every variable unset, with the profile its module got and why.
    pub fn unset(profile: Profile, reason: String) -> Self {
        Variant {
            deployment: None,
            env: BTreeMap::new(),
            label: UNSET_LABEL.into(),
            profile,
            reason,
        }
    }
}

/// A variable a variant sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    pub value: Option<String>,
    /// Where it is set: a line of a deployment file, or nowhere for a probed value.
    pub origin: Option<Origin>,
}

/// A settings module, or a django-configurations class in one, to lint.
pub struct Unit<'d> {
    pub settings: Settings,
    /// `pkg.settings` or `pkg.settings:Production`.
    pub name: String,
    /// The unset variant first, then one per deployment environment.
    pub variants: Vec<Variant<'d>>,
}

/// What one deployment runs, as far as djsafe can tell.
#[derive(Clone, Debug)]
pub struct Resolved<'d> {
    pub deployment: &'d Deployment,
    /// The settings module it runs, when djsafe found it under the import roots.
    pub module: Option<usize>,
    /// Its dotted name, as the deployment (or the entry point it falls back to) names it.
    pub module_name: Option<String>,
    pub class: Option<String>,
    /// The entry point default it runs because it sets no `DJANGO_SETTINGS_MODULE` itself.
    pub via: Option<Origin>,
    /// `None` for what runs no Django.
    pub profile: Option<Classified>,
    /// The development module the entry point it starts falls back to, which a deployment that
    /// is not development cannot mean to run: it must set `DJANGO_SETTINGS_MODULE` outside the
    /// repository (a platform's configuration).
    pub set_elsewhere: Option<usize>,
    /// Why `set_elsewhere` is set when the default is not named for development: the module
    /// named for production that extends it ([`extensions`]).
    pub extended_by: Option<usize>,
    /// The deployment names the module but not the django-configurations class: `class` is the
    /// default of the entry point its command starts.
    pub class_from_entry_point: bool,
}

/// A server entry point (`wsgi.py`, `asgi.py`) falling back to development settings while the
/// repository's deployments name other settings: a server started without the variable runs
/// development settings.
pub struct DevelopmentFallback {
    pub origin: Origin,
    pub module: String,
    /// Display locations of the deployments that name other modules.
    pub deployments: Vec<String>,
}

/// An entry point's default (`os.environ.setdefault('DJANGO_SETTINGS_MODULE', ...)`) that names a
/// module djsafe found, with the django-configurations class its file sets by default.
struct EntryPointDefault<'d> {
    deployment: &'d Deployment,
    module: usize,
    class: Option<String>,
}

pub struct Plan<'d> {
    pub units: Vec<Unit<'d>>,
    pub resolved: Vec<Resolved<'d>>,
    pub development_fallbacks: Vec<DevelopmentFallback>,
    pub diagnostics: Vec<Diagnostic>,
}

const SETTINGS_VARIABLES: [&str; 2] =
    [crate::deploy::SETTINGS_MODULE, crate::deploy::CONFIGURATION];

pub fn plan<'d>(project: &mut Project, discovery: &'d Discovery) -> Plan<'d> {
    let display_root = project.display_root().to_path_buf();
    let at = |origin: &Origin| {
        format!(
            "{}:{}",
            display_path(&origin.file, &display_root),
            origin.line
        )
    };
    let mut diagnostics = Vec::new();
    // Every candidate is loaded below, one after the other: read and parse them on every core
    // first.
    project.prepare(&discovery.candidates);
    let fallbacks: Vec<&Deployment> = discovery
        .deployments
        .iter()
        .filter(|d| d.role == Role::Fallback)
        .collect();
    let configurations = resolve::configurations_by_file(&fallbacks);
    let resolved = resolve::resolve_deployments(
        project,
        discovery,
        &fallbacks,
        &configurations,
        &at,
        &mut diagnostics,
    );
    let defaults =
        resolve::entry_point_defaults(project, &fallbacks, &configurations, &mut diagnostics);
    let scope = scope::Scope::new(project, discovery, &resolved, &defaults);

    let mut units = deployed_units::deployed_units(
        project,
        discovery,
        &resolved,
        &defaults,
        &scope,
        &display_root,
        &at,
        &mut diagnostics,
    );
    configurations::other_deployed_classes(project, &mut units);
    standalone::standalone_units(
        project, discovery, &resolved, &defaults, &scope, &at, &mut units,
    );
    let development_fallbacks =
        fallbacks::development_fallbacks(project, &resolved, &defaults, &scope, &units, &at);
    units.sort_by(|a, b| a.name.cmp(&b.name));
    Plan {
        units,
        resolved,
        development_fallbacks,
        diagnostics,
    }
}

/// The label of the variant with every variable unset.
pub const UNSET_LABEL: &str = "variables unset";

fn unit<'d>(
    module: usize,
    class: Option<String>,
    name: String,
    unset: Variant<'d>,
    variants: Vec<Variant<'d>>,
) -> Unit<'d> {
    // A deployment that sets nothing beyond the settings module runs exactly the unset variant.
    let variants: Vec<Variant<'d>> = std::iter::once(unset)
        .chain(variants.into_iter().filter(|v| !v.env.is_empty()))
        .collect();
    Unit {
        settings: Settings { module, class },
        name,
        variants,
    }
}

/// The line where an entry point's default names its settings module.
fn default_origin(fallback: &Deployment) -> &Origin {
    let (_, origin) = fallback
        .settings_module()
        .expect("an entry point's default names a module");
    origin
}

fn is_server_entry_point(deployment: &Deployment) -> bool {
    deployment.kind == SourceKind::EntryPoint
        && deployment
            .origin
            .file
            .file_name()
            .is_some_and(|n| n == "wsgi.py" || n == "asgi.py")
}

/// The innermost folder djsafe walked (a repository given on the command line, or found
/// above a given file) that holds `file`.
fn walk_root_of<'a>(discovery: &'a Discovery, file: &Path) -> Option<&'a PathBuf> {
    discovery
        .walk_roots
        .iter()
        .filter(|root| file.starts_with(root))
        .max_by_key(|root| root.components().count())
}

fn load(project: &mut Project, name: &str) -> Option<usize> {
    let path = project.find_module_file(name)?;
    project.load(&path)
}

fn unresolved_module(name: &str, origin: &Origin, display_root: &Path) -> Diagnostic {
    Diagnostic::in_file(
        DiagnosticKind::UnresolvedSettingsModule,
        display_path(&origin.file, display_root),
        Some(origin.line),
        format!(
            "DJANGO_SETTINGS_MODULE names `{name}`, which is not a module under the project's import roots"
        ),
    )
}

fn unit_name(project: &Project, module: usize, class: Option<&str>) -> String {
    match class {
        Some(class) => format!("{}:{class}", project.modules[module].name),
        None => project.modules[module].name.clone(),
    }
}

/// `Dockerfile:3`, `docker-compose.prod.yml:4 (web)`.
pub fn deployment_label(deployment: &Deployment, display_root: &Path) -> String {
    let at = format!(
        "{}:{}",
        display_path(&deployment.origin.file, display_root),
        deployment.origin.line
    );
    match &deployment.name {
        Some(name) => format!("{at} ({name})"),
        None => at,
    }
}
