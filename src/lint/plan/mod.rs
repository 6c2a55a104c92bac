//! What is linted, and as what. Each deployment the repository describes runs one settings
//! module (and django-configurations class): the one it names, or the one the entry point it
//! starts falls back to. A module is linted as a [`Unit`] under each environment that matters
//! (a [`Variant`]: every variable unset, and each deployment's environment), and each variant
//! gets the profile its deployment implies. Settings modules no deployment runs are linted on
//! their own only when they stand alone: not a shared base or fragment that others import, not
//! an empty package, not another framework's settings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::deploy::{Deployment, Origin, Process, Role, SourceKind};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::discover::{Discovery, display_path, is_identifier};
use crate::eval::Settings;
use crate::profile::{self, Classified, Profile};
use crate::resolve::Project;

use super::extensions;

mod configurations;
mod resolve;
mod stale;

pub(super) use configurations::configuration_classes;
use configurations::configuration_units;
use resolve::{
    EntryPoints, configurations_by_file, resolve_deployment, same_file_configuration,
    serves_another_framework,
};

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

pub struct Plan<'d> {
    pub units: Vec<Unit<'d>>,
    pub resolved: Vec<Resolved<'d>>,
    pub development_fallbacks: Vec<DevelopmentFallback>,
    pub diagnostics: Vec<Diagnostic>,
}

const SETTINGS_VARIABLES: [&str; 2] =
    [crate::deploy::SETTINGS_MODULE, crate::deploy::CONFIGURATION];

/// A worker or command in a compose file whose names say nothing runs where the file's server
/// runs: next to a service serving the same settings in production it is production too, and
/// next to the development server (its settings the same, or not known) it is development.
fn companions_of_servers(resolved: &mut [Resolved], discovery: &Discovery, display_root: &Path) {
    // (file, module, profile, label) of each compose service serving the project.
    let servers: Vec<(PathBuf, Option<usize>, Profile, String)> = resolved
        .iter()
        .filter(|r| r.deployment.kind == SourceKind::Compose)
        .filter_map(|r| {
            let profile = match r.deployment.command.as_ref().map(|c| &c.process) {
                Some(Process::Server(_)) => Profile::Production,
                Some(Process::DevServer) => Profile::Development,
                _ => return None,
            };
            if r.profile.as_ref().map(|p| p.profile) != Some(profile) {
                return None;
            }
            let label = format!(
                "{}:{}",
                display_path(&r.deployment.origin.file, display_root),
                r.deployment.origin.line
            );
            Some((r.deployment.origin.file.clone(), r.module, profile, label))
        })
        .collect();
    for entry in resolved.iter_mut() {
        let Some(classified) = &mut entry.profile else {
            continue;
        };
        let repository = walk_root_of(discovery, &entry.deployment.origin.file)
            .map_or(display_root, PathBuf::as_path);
        if classified.profile != Profile::Staging
            || !profile::is_unnamed_compose_companion(entry.deployment, repository)
        {
            continue;
        }
        let same_file = |file: &PathBuf| *file == entry.deployment.origin.file;
        let production = servers.iter().find(|(file, module, profile, _)| {
            same_file(file)
                && *profile == Profile::Production
                && module.is_some()
                && *module == entry.module
        });
        let development = servers.iter().find(|(file, module, profile, _)| {
            same_file(file)
                && *profile == Profile::Development
                && (entry.module.is_none() || *module == entry.module)
        });
        if let Some((_, _, _, server)) = production {
            classified.profile = Profile::Production;
            classified.reason = format!(
                "runs next to {server} in the same compose file, which serves the same settings in production"
            );
        } else if let Some((_, _, _, server)) = development {
            classified.profile = Profile::Development;
            classified.reason =
                format!("runs next to the development server at {server} in the same compose file");
        }
    }
}

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
    let fallbacks: Vec<&Deployment> = discovery
        .deployments
        .iter()
        .filter(|d| d.role == Role::Fallback)
        .collect();

    let configurations = configurations_by_file(&fallbacks);
    let entry_points = EntryPoints::new(&fallbacks, &configurations);
    let mut resolved: Vec<Resolved> = Vec::new();
    for deployment in discovery
        .deployments
        .iter()
        .filter(|d| d.role != Role::Fallback)
    {
        let mut entry = resolve_deployment(project, deployment, &entry_points, &configurations);
        if let Some(name) = &entry.module_name
            && entry.module.is_none()
        {
            let origin = entry.via.clone().unwrap_or_else(|| {
                deployment
                    .env
                    .get(crate::deploy::SETTINGS_MODULE)
                    .map_or(deployment.origin.clone(), |v| v.origin.clone())
            });
            diagnostics.push(unresolved_module(name, &origin, &display_root));
        }
        // The line that names the settings says best where the deployment is.
        let named_at = deployment
            .env
            .get(crate::deploy::SETTINGS_MODULE)
            .map_or(&deployment.origin, |v| &v.origin);
        // Names of folders inside the repository say something; those above it do not.
        let repository = walk_root_of(discovery, &deployment.origin.file).unwrap_or(&display_root);
        let settings = entry.module_name.as_ref().map(|name| match &entry.class {
            Some(class) => format!("{name}:{class}"),
            None => name.clone(),
        });
        entry.profile =
            profile::of_deployment(deployment, &at(named_at), repository, settings.as_deref());
        if entry.module_name.is_none() && serves_another_framework(project, deployment) {
            entry.profile = None;
        }
        // Settings named for development that a deployment names outright are a developer's
        // setup, unless the deployment's own names say it is production or staging.
        if let (Some(module), Some(classified)) = (entry.module, &mut entry.profile)
            && entry.via.is_none()
            && !entry.class_from_entry_point
            && classified.profile != Profile::Development
            && !profile::names_a_deployed_environment(deployment, repository)
        {
            let name = unit_name(project, module, entry.class.as_deref());
            let last = name.rsplit(['.', ':']).next().unwrap_or(&name);
            if profile::profile_from_name(last) == Some(Profile::Development) {
                classified.profile = Profile::Development;
                classified.reason = format!(
                    "{}, but the settings it names are named for development (`{last}`)",
                    classified.reason
                );
            }
        }
        if let (true, Some(module), Some(classified)) = (
            entry.via.is_some() || entry.class_from_entry_point,
            entry.module,
            &entry.profile,
        ) {
            let name = unit_name(project, module, entry.class.as_deref());
            let development_default =
                profile::profile_from_name(name.rsplit(['.', ':']).next().unwrap_or(&name))
                    == Some(Profile::Development);
            if classified.profile != Profile::Development {
                if development_default {
                    entry.set_elsewhere = entry.module.take();
                } else if let Some(&extension) =
                    extensions::deployed_extensions(project, module).first()
                {
                    // The default is the base of settings named for production.
                    entry.extended_by = Some(extension);
                    entry.set_elsewhere = entry.module.take();
                }
            }
        }
        resolved.push(entry);
    }
    companions_of_servers(&mut resolved, discovery, &display_root);
    // What each entry point falls back to: its module, and the class its file sets by default.
    let fallback_modules: Vec<(&Deployment, usize, Option<String>)> = fallbacks
        .iter()
        .filter_map(|d| {
            let (name, origin) = d.settings_module()?;
            match load(project, name) {
                Some(module) => {
                    let class = same_file_configuration(&configurations, &d.origin.file);
                    Some((*d, module, class))
                }
                None => {
                    diagnostics.push(unresolved_module(name, origin, &display_root));
                    None
                }
            }
        })
        .collect();

    // The import roots whose settings some deployment runs (naming them, or through an entry
    // point's default): there the modules no deployment runs are not what is deployed, and an
    // entry point's default is only a fallback.
    let deployed_roots: BTreeSet<PathBuf> = resolved
        .iter()
        .filter(|r| r.deployment.role == Role::Runs)
        .filter(|r| {
            r.profile
                .as_ref()
                .is_some_and(|p| p.profile != Profile::Development)
        })
        .filter_map(|r| {
            let module = r.module.or(r.set_elsewhere)?;
            project.root_of(module).map(Path::to_path_buf)
        })
        .collect();
    // Repositories whose deployments name settings that are not in them (a module a
    // provisioning step writes, such as `conf.run.site_settings`): what they deploy is not any
    // module djsafe sees there.
    let deploys_elsewhere: Vec<&PathBuf> = resolved
        .iter()
        .filter(|r| r.deployment.role == Role::Runs && r.module.is_none())
        .filter(|r| r.module_name.is_some() && r.set_elsewhere.is_none())
        .filter(|r| {
            r.profile
                .as_ref()
                .is_some_and(|p| p.profile != Profile::Development)
        })
        .filter_map(|r| walk_root_of(discovery, &r.deployment.origin.file))
        .collect();
    // Repositories whose deployments that run Django all run it for development (a
    // `docker-compose.dev.yml` and nothing else).
    let development_only = |project: &Project, module: usize| {
        let file = &project.sources.get(project.modules[module].file).path;
        let mut runs = resolved
            .iter()
            .filter(|r| r.deployment.role == Role::Runs)
            .filter(|r| r.module_name.is_some() || r.deployment.command.is_some())
            .filter(|r| {
                discovery.walk_roots.iter().any(|root| {
                    r.deployment.origin.file.starts_with(root) && file.starts_with(root)
                })
            })
            .filter_map(|r| r.profile.as_ref().map(|p| p.profile))
            .peekable();
        runs.peek().is_some() && runs.all(|p| p == Profile::Development)
    };
    let deployed = |project: &Project, module: usize| {
        let in_deployed_root = project
            .root_of(module)
            .is_some_and(|root| deployed_roots.contains(root));
        let file = &project.sources.get(project.modules[module].file).path;
        in_deployed_root || deploys_elsewhere.iter().any(|root| file.starts_with(root))
    };

    // Units for what deployments run.
    let mut units: BTreeMap<(usize, Option<String>), Vec<Variant<'d>>> = BTreeMap::new();
    for entry in &resolved {
        let (Some(module), Some(profile)) = (entry.module, &entry.profile) else {
            continue;
        };
        let env: BTreeMap<String, Setting> = entry
            .deployment
            .env
            .iter()
            .filter(|(name, _)| !SETTINGS_VARIABLES.contains(&name.as_str()))
            .map(|(name, var)| {
                let setting = Setting {
                    value: var.value.literal().map(str::to_string),
                    origin: Some(var.origin.clone()),
                };
                (name.clone(), setting)
            })
            .collect();
        units
            .entry((module, entry.class.clone()))
            .or_default()
            .push(Variant {
                deployment: Some(entry.deployment),
                env,
                label: deployment_label(entry.deployment, &display_root),
                profile: profile.profile,
                reason: profile.reason.clone(),
            });
    }
    // What entry points fall back to, where no deployment of the project says what runs.
    for (_, module, class) in &fallback_modules {
        if !deployed(project, *module) {
            units.entry((*module, class.clone())).or_default();
        }
    }

    let mut plan_units: Vec<Unit<'d>> = Vec::new();
    for ((module, class), variants) in units {
        let name = unit_name(project, module, class.as_deref());
        let defines_settings = project.defines_settings(module);
        project.release_trees();
        if !defines_settings {
            let origin = variants
                .iter()
                .filter_map(|v| v.deployment)
                .map(|d| d.origin.clone())
                .chain(
                    fallback_modules
                        .iter()
                        .filter(|(_, m, c)| *m == module && *c == class)
                        .map(|(d, _, _)| d.origin.clone()),
                )
                .next();
            if let Some(origin) = origin {
                diagnostics.push(Diagnostic::in_file(
                    DiagnosticKind::NoSettingsDefined,
                    display_path(&origin.file, &display_root),
                    Some(origin.line),
                    format!("the settings module `{name}` it names defines no settings, so djsafe has nothing to check"),
                ));
            }
            continue;
        }
        let named_by: Vec<&Deployment> = fallback_modules
            .iter()
            .filter(|(_, m, c)| *m == module && *c == class)
            .map(|(d, _, _)| *d)
            .collect();
        // Deployments of the repository that name other settings (of any profile): then an
        // entry point's default is only a fallback.
        let others_named = resolved.iter().any(|r| {
            r.deployment.role == Role::Runs
                && r.via.is_none()
                && r.module.is_some_and(|m| m != module)
        });
        let mut unset = unset_variant(&name, &variants, &named_by, others_named, &at);
        // Only `manage.py` names it, and every deployment of the repository that runs Django
        // runs it for development: it is what `manage.py runserver` loads.
        if variants.is_empty()
            && !named_by.iter().any(|d| is_server_entry_point(d))
            && unset.profile != Profile::Development
            && development_only(project, module)
        {
            unset.profile = Profile::Development;
            unset.reason = match named_by.first().and_then(|d| d.settings_module()) {
                Some((_, origin)) => format!(
                    "the default of {}, and the repository's deployments are all development ones",
                    at(origin)
                ),
                None => "the repository's deployments are all development ones".into(),
            };
        }
        plan_units.push(unit(module, class, name, unset, variants));
    }
    // The other classes of a django-configurations module a deployment runs, whose names say
    // they are deployed (`ProductionReadOnly` next to `Production`), and those no class extends
    // whose names do not tell (`Feature(Production)` for feature-branch deployments): selected
    // by a DJANGO_CONFIGURATION set outside the repository, they are linted as a module found by
    // its name alone would be.
    let configuration_modules: BTreeSet<usize> = plan_units
        .iter()
        .filter(|u| u.settings.class.is_some())
        .map(|u| u.settings.module)
        .collect();
    for module in configuration_modules {
        let classes = configuration_classes(project, module);
        // Evaluating them parsed trees that the lint parses again when it needs them.
        project.release_trees();
        for (class, extended) in classes {
            let taken = plan_units.iter().any(|u| {
                u.settings.module == module && u.settings.class.as_deref() == Some(&class)
            });
            let deployable = match profile::profile_from_name(&class) {
                Some(profile) => matches!(profile, Profile::Production | Profile::Staging),
                None => !extended,
            };
            if taken || !deployable {
                continue;
            }
            let name = unit_name(project, module, Some(&class));
            let classified = profile::classify(&name);
            plan_units.push(unit(
                module,
                Some(class),
                name,
                Variant::unset(classified.profile, classified.reason),
                Vec::new(),
            ));
        }
    }

    // Settings modules found by their names, and the defaults of entry points in projects whose
    // deployments say what runs: linted when they stand alone.
    let mut candidates: Vec<usize> = discovery
        .candidates
        .iter()
        .filter_map(|path| project.load(path))
        .collect();
    candidates.extend(
        fallback_modules
            .iter()
            .filter(|(_, module, _)| deployed(project, *module))
            .map(|(_, module, _)| *module),
    );
    // What a server that falls back to a base runs instead: the settings extending it.
    candidates.extend(resolved.iter().filter_map(|r| r.extended_by));
    // The entry point default naming each, a server's first.
    let fallback_of = |module: usize| {
        let naming = || {
            fallback_modules
                .iter()
                .filter(move |(_, m, _)| *m == module)
        };
        naming()
            .find(|(d, _, _)| is_server_entry_point(d))
            .or_else(|| naming().next())
            .map(|(d, _, _)| *d)
    };
    let imported = project.imported_by();
    let aggregators: BTreeSet<usize> = plan_units.iter().map(|u| u.settings.module).collect();
    // The import roots where Django runs: those holding an entry point or deployment that names
    // settings, and those holding the settings a deployment names. There a `settings.py` that
    // sets only `DEBUG` is Django's; elsewhere (a Flask service next to the Django site, with its
    // own Dockerfile and requirements) it may be another framework's.
    let mut runs_django: BTreeSet<PathBuf> = BTreeSet::new();
    for deployment in &discovery.deployments {
        let Some((name, _)) = deployment.settings_module() else {
            continue;
        };
        runs_django.extend(
            project
                .deepest_root_of(&deployment.origin.file)
                .map(Path::to_path_buf),
        );
        if let Some(module) = load(project, name) {
            let file = project
                .sources
                .get(project.modules[module].file)
                .path
                .clone();
            runs_django.extend(project.deepest_root_of(&file).map(Path::to_path_buf));
        }
    }
    for module in candidates {
        if plan_units.iter().any(|u| u.settings.module == module) {
            continue;
        }
        let name = project.modules[module].name.clone();
        let importable = name.split('.').all(is_identifier);
        let shape = project.shape(module);
        let file = &project.sources.get(project.modules[module].file).path;
        let django = if project
            .deepest_root_of(file)
            .is_some_and(|root| runs_django.contains(root))
        {
            shape.is_django_in_a_django_project()
        } else {
            shape.is_django()
        };
        // A module holding only django-configurations classes whose bases come from another
        // module (`class Production(Base)`, `Base` imported): its code shows no `Configuration`.
        let configuration_module = !shape.defines_settings()
            && !shape.reads_django_settings
            && project.defines_settings(module);
        let shape = project.shape(module);
        if !importable
            || !(shape.defines_settings() || configuration_module)
            || !(django || configuration_module)
            || shape.reads_django_settings
        {
            continue;
        }
        let own_profile = profile::profile_from_name(name.rsplit('.').next().unwrap_or(&name));
        let importers = imported.get(&module).map(Vec::as_slice).unwrap_or_default();
        let standalone = importers.is_empty()
            || (own_profile.is_some_and(|p| p != Profile::Development)
                && !importers
                    .iter()
                    .any(|&i| is_aggregator(project, i, &aggregators)));
        if !standalone {
            continue;
        }
        let mut classified = profile::classify(&name);
        if deployed(project, module) && own_profile.is_none_or(|p| p == Profile::Development) {
            // The project's deployments say what runs, and this is not it.
            if classified.profile != Profile::Development {
                classified = Classified {
                    profile: Profile::Development,
                    reason: "no deployment of the project runs it".into(),
                };
            }
        }
        // (An entry point's default named for production says what a server runs without the
        // variable: it stays linted.)
        if own_profile.is_some_and(|p| p != Profile::Development)
            && fallback_of(module).is_none()
            && let Some(reason) =
                stale::stale_alternative(project, &resolved, &imported, module, &at)
        {
            classified = Classified {
                profile: Profile::Development,
                reason,
            };
        }
        let served = fallback_of(module).is_some_and(is_server_entry_point);
        if !served && own_profile.is_none() && development_only(project, module) {
            classified = Classified {
                profile: Profile::Development,
                reason: "the repository's deployments run only development settings, and no server entry point defaults to it".into(),
            };
        }
        if let Some(fallback) = fallback_of(module) {
            let (_, origin) = fallback
                .settings_module()
                .expect("a fallback names a module");
            classified
                .reason
                .push_str(&format!("; the default of {}", at(origin)));
        }
        let unset = Variant::unset(classified.profile, classified.reason);
        plan_units.extend(configuration_units(project, module, &name, &unset));
        // Evaluating django-configurations classes parsed trees that the lint parses again.
        project.release_trees();
    }
    // A server entry point whose default is development settings, in a project whose
    // deployments run other settings.
    let mut development_fallbacks = Vec::new();
    for (fallback, module, class) in &fallback_modules {
        let development = |profile: Option<Profile>| profile == Some(Profile::Development);
        let name = unit_name(project, *module, class.as_deref());
        let runs_development = plan_units
            .iter()
            .filter(|u| u.settings.module == *module && u.settings.class == *class)
            .all(|u| u.variants.iter().all(|v| v.profile == Profile::Development));
        let named_development = development(profile::profile_from_name(
            name.rsplit(['.', ':']).next().unwrap_or(&name),
        ));
        if is_server_entry_point(fallback)
            && deployed(project, *module)
            && runs_development
            && named_development
        {
            let (_, origin) = fallback
                .settings_module()
                .expect("a fallback names a module");
            let deployments = deployments_of_root(project, &resolved, *module, &at);
            if !deployments.is_empty() {
                development_fallbacks.push(DevelopmentFallback {
                    origin: origin.clone(),
                    module: name,
                    deployments,
                });
            }
        }
    }
    plan_units.sort_by(|a, b| a.name.cmp(&b.name));
    Plan {
        units: plan_units,
        resolved,
        development_fallbacks,
        diagnostics,
    }
}

/// Where the deployments of a module's project name the settings they run, for messages.
fn deployments_of_root(
    project: &Project,
    resolved: &[Resolved],
    module: usize,
    at: &dyn Fn(&Origin) -> String,
) -> Vec<String> {
    let root = project.root_of(module);
    resolved
        .iter()
        .filter(|r| r.deployment.role == Role::Runs)
        .filter(|r| {
            r.module
                .is_some_and(|m| m != module && project.root_of(m) == root)
        })
        .map(|r| {
            let named = r.deployment.env.get(crate::deploy::SETTINGS_MODULE);
            at(named.map_or(&r.deployment.origin, |v| &v.origin))
        })
        .collect()
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

/// The profile of a module's code with every variable unset: the most exposed deployment that
/// runs it; else, for what a server entry point falls back to, production when no deployment of
/// the project names its settings; else what its name says.
fn unset_variant<'d>(
    name: &str,
    variants: &[Variant<'d>],
    fallbacks: &[&Deployment],
    others_named: bool,
    at: &dyn Fn(&Origin) -> String,
) -> Variant<'d> {
    // Tests and build steps that run a module through `manage.py`'s default say nothing about
    // what a server started without the variable runs: a server entry point's default decides
    // that, as when no deployment names the module.
    let only_tests_or_builds = variants
        .iter()
        .all(|v| v.deployment.is_some_and(|d| d.role != Role::Runs));
    let server_default = fallbacks.iter().any(|d| is_server_entry_point(d));
    let deciding = if only_tests_or_builds && server_default {
        &[][..]
    } else {
        variants
    };
    let classified = if let Some(most) = deciding.iter().max_by_key(|v| v.profile) {
        let also: Vec<&str> = variants
            .iter()
            .filter(|v| v.profile == most.profile && !std::ptr::eq(*v, most))
            .map(|v| v.label.as_str())
            .collect();
        let mut reason = most.reason.clone();
        if !also.is_empty() {
            reason.push_str(&format!(" (and {})", also.join(", ")));
        }
        Classified {
            profile: most.profile,
            reason,
        }
    } else {
        let server = fallbacks.iter().find(|d| is_server_entry_point(d));
        let named_development =
            profile::profile_from_name(name.rsplit(['.', ':']).next().unwrap_or(name))
                == Some(Profile::Development);
        match server {
            // The repository's deployments name other settings: a default named for
            // development is what a server started without the variable runs (DJS049 says so),
            // not what is deployed.
            Some(fallback) if named_development && others_named => {
                let (_, origin) = fallback
                    .settings_module()
                    .expect("a fallback names a module");
                Classified {
                    profile: Profile::Development,
                    reason: format!(
                        "named for development; the default of {}, while the repository's deployments name other settings",
                        at(origin)
                    ),
                }
            }
            Some(fallback) => {
                let (_, origin) = fallback
                    .settings_module()
                    .expect("a fallback names a module");
                Classified {
                    profile: Profile::Production,
                    reason: format!(
                        "the default of {} (no deployment file names a settings module)",
                        at(origin)
                    ),
                }
            }
            _ => {
                let mut classified = profile::classify(name);
                let shown = fallbacks
                    .iter()
                    .find(|d| is_server_entry_point(d))
                    .or(fallbacks.first());
                if let Some(fallback) = shown {
                    let (_, origin) = fallback
                        .settings_module()
                        .expect("a fallback names a module");
                    classified
                        .reason
                        .push_str(&format!("; the default of {}", at(origin)));
                }
                classified
            }
        }
    };
    Variant::unset(classified.profile, classified.reason)
}

fn is_server_entry_point(deployment: &Deployment) -> bool {
    deployment.kind == SourceKind::EntryPoint
        && deployment
            .origin
            .file
            .file_name()
            .is_some_and(|n| n == "wsgi.py" || n == "asgi.py")
}

/// Whether `importer` imports the settings of others to make its own, as a selector or an
/// aggregator does (`settings/__init__.py` or `settings.py` picking `production` by an
/// environment variable): the modules it imports are linted through it.
fn is_aggregator(project: &Project, importer: usize, units: &BTreeSet<usize>) -> bool {
    let module = &project.modules[importer];
    let last = module.name.rsplit('.').next().unwrap_or(&module.name);
    units.contains(&importer) && (module.is_package || last == "settings")
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
