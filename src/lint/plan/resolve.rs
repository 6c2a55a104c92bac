//! What a deployment runs: the settings module (and django-configurations class) it names, or
//! the defaults of the entry point its command starts; and whether it runs Django at all.

use std::collections::HashMap;
use std::path::Path;

use crate::deploy::{Deployment, Origin, Process, Role};
use crate::diagnostic::Diagnostic;
use crate::discover::Discovery;
use crate::profile::{self, Profile};
use crate::resolve::Project;

use super::companions::companions_of_servers;
use super::{
    EntryPointDefault, Resolved, extensions, load, unit_name, unresolved_module, walk_root_of,
};

/// The `DJANGO_CONFIGURATION` each entry point file sets by default (its first), by file.
pub(super) fn configurations_by_file<'d>(
    fallbacks: &[&'d Deployment],
) -> HashMap<&'d Path, &'d str> {
    let mut by_file = HashMap::new();
    for fallback in fallbacks {
        if let Some((class, _)) = fallback.configuration() {
            by_file
                .entry(fallback.origin.file.as_path())
                .or_insert(class);
        }
    }
    by_file
}

/// The `DJANGO_CONFIGURATION` an entry point file sets by default next to its settings module.
pub(super) fn same_file_configuration(
    by_file: &HashMap<&Path, &str>,
    file: &Path,
) -> Option<String> {
    by_file.get(file).map(|class| class.to_string())
}

/// What a deployment runs: the module and class it names, or the defaults of the entry point its
/// command starts (`gunicorn mysite.wsgi` runs what `mysite/wsgi.py` falls back to).
pub(super) fn resolve_deployment<'d>(
    project: &mut Project,
    deployment: &'d Deployment,
    entry_points: &EntryPoints<'d>,
    configurations: &HashMap<&Path, &str>,
) -> Resolved<'d> {
    let mut resolved = Resolved {
        deployment,
        module: None,
        module_name: None,
        class: deployment.configuration().map(|(c, _)| c.to_string()),
        via: None,
        profile: None,
        set_elsewhere: None,
        extended_by: None,
        class_from_entry_point: false,
    };
    if let Some((name, _)) = deployment.settings_module() {
        resolved.module_name = Some(name.to_string());
        resolved.module = load(project, name);
        // It names the module but not the django-configurations class: the class is what the
        // entry point its command starts falls back to (`wsgi.py`'s DJANGO_CONFIGURATION).
        // A command that starts no entry point (a release script) still runs a class: the one
        // the module's entry points fall back to, a server's first.
        let names_module = |f: &&Deployment| f.settings_module().map(|(m, _)| m) == Some(name);
        let entry_point = entry_point_of(project, deployment, entry_points)
            .filter(names_module)
            .or_else(|| {
                let mut defaults: Vec<&Deployment> = entry_points.configured(name).to_vec();
                defaults.sort_by_key(|f| {
                    let file = f.origin.file.file_name().and_then(|n| n.to_str());
                    (
                        !matches!(file, Some("wsgi.py" | "asgi.py")),
                        f.origin.clone(),
                    )
                });
                defaults.first().copied()
            });
        if resolved.class.is_none()
            && !deployment.env.contains_key(crate::deploy::CONFIGURATION)
            && let Some(entry_point) = entry_point
        {
            resolved.class = same_file_configuration(configurations, &entry_point.origin.file);
            resolved.class_from_entry_point = resolved.class.is_some();
        }
        return resolved;
    }
    if deployment.env.contains_key(crate::deploy::SETTINGS_MODULE) {
        // Set, to a value the repository does not say.
        return resolved;
    }
    let Some(entry_point) = entry_point_of(project, deployment, entry_points) else {
        return resolved;
    };
    if let Some((name, origin)) = entry_point.settings_module() {
        resolved.module_name = Some(name.to_string());
        resolved.module = load(project, name);
        resolved.via = Some(origin.clone());
    }
    if resolved.class.is_none() {
        resolved.class = same_file_configuration(configurations, &entry_point.origin.file);
    }
    resolved
}
/// The entry points deployments may start, looked up by file and by folder: a monorepo has
/// thousands, and comparing each deployment with each of them grows with the square of its
/// projects.
pub(super) struct EntryPoints<'d> {
    /// The first entry point of each file that names a settings module.
    by_file: HashMap<&'d Path, &'d Deployment>,
    /// `manage.py` files, then `wsgi.py` and `asgi.py` files, that name a settings module.
    kinds: [NearIndex<'d>; 2],
    /// The entry points naming each settings module whose file sets a django-configurations
    /// class, in order.
    configured_by_module: HashMap<&'d str, Vec<&'d Deployment>>,
    /// The defaults each entry point file picks only when a variable is set (see
    /// [`Deployment::selected_by`]).
    selected_by_file: HashMap<&'d Path, Vec<&'d Deployment>>,
}

/// Entry points by each folder above them (and their own path): how many lie below it, and the
/// first of them.
#[derive(Default)]
struct NearIndex<'d> {
    below: HashMap<&'d Path, (usize, &'d Deployment)>,
    total: usize,
}

impl<'d> NearIndex<'d> {
    fn add(&mut self, entry_point: &'d Deployment) {
        self.total += 1;
        for prefix in entry_point.origin.file.ancestors() {
            self.below
                .entry(prefix)
                .and_modify(|(count, _)| *count += 1)
                .or_insert((1, entry_point));
        }
    }

    /// The entry point sharing the longest leading part of its path with `file`, when no
    /// other shares as much; the only one, when there is one.
    fn nearest(&self, file: &Path) -> Option<&'d Deployment> {
        match file.ancestors().find_map(|prefix| self.below.get(prefix)) {
            Some(&(count, first)) => (count == 1).then_some(first),
            // Nothing shares even the first component (relative paths): the only one, if so.
            None if self.total == 1 => self.below.values().map(|&(_, d)| d).next(),
            None => None,
        }
    }
}

impl<'d> EntryPoints<'d> {
    pub(super) fn new(fallbacks: &[&'d Deployment], configurations: &HashMap<&Path, &str>) -> Self {
        let mut by_file = HashMap::new();
        let mut kinds: [NearIndex<'d>; 2] = Default::default();
        let mut configured_by_module: HashMap<&'d str, Vec<&'d Deployment>> = HashMap::new();
        let mut selected_by_file: HashMap<&'d Path, Vec<&'d Deployment>> = HashMap::new();
        for &fallback in fallbacks {
            let Some((module, _)) = fallback.settings_module() else {
                continue;
            };
            let file = fallback.origin.file.as_path();
            if fallback.selected_by.is_some() {
                selected_by_file.entry(file).or_default().push(fallback);
                continue;
            }
            by_file.entry(file).or_insert(fallback);
            match file.file_name().and_then(|n| n.to_str()) {
                Some("manage.py") => kinds[0].add(fallback),
                Some("wsgi.py" | "asgi.py") => kinds[1].add(fallback),
                _ => {}
            }
            if configurations.contains_key(file) {
                configured_by_module
                    .entry(module)
                    .or_default()
                    .push(fallback);
            }
        }
        EntryPoints {
            by_file,
            kinds,
            configured_by_module,
            selected_by_file,
        }
    }

    /// The entry points naming `module` whose file sets a django-configurations class.
    pub(super) fn configured(&self, module: &str) -> &[&'d Deployment] {
        self.configured_by_module
            .get(module)
            .map_or(&[], Vec::as_slice)
    }
}

/// The entry point whose defaults a deployment that sets no settings module runs: the WSGI/ASGI
/// module its server loads, `manage.py` for management commands, or the only server entry point
/// near the deployment file when the command does not say.
pub(super) fn entry_point_of<'d>(
    project: &Project,
    deployment: &Deployment,
    entry_points: &EntryPoints<'d>,
) -> Option<&'d Deployment> {
    let default = default_entry_point_of(project, deployment, entry_points)?;
    // The entry point picks other settings when the deployment sets the variable it tests.
    let selected = entry_points
        .selected_by_file
        .get(default.origin.file.as_path())
        .into_iter()
        .flatten()
        .find(|s| {
            s.selected_by
                .as_ref()
                .is_some_and(|sel| sel.holds(deployment.env.get(&sel.var).map(|v| &v.value)))
        });
    Some(selected.copied().unwrap_or(default))
}

fn default_entry_point_of<'d>(
    project: &Project,
    deployment: &Deployment,
    entry_points: &EntryPoints<'d>,
) -> Option<&'d Deployment> {
    let command = deployment.command.as_ref();
    if let Some(app) = command.and_then(|c| c.app_module.as_deref()) {
        let file = project.find_module_file(app)?;
        let file = file.canonicalize().unwrap_or(file);
        return entry_points.by_file.get(file.as_path()).copied();
    }
    let uses_manage_py = command.is_some_and(|c| c.text.contains("manage.py"));
    let serves = command.is_some_and(|c| matches!(c.process, Process::Server(_)));
    if !uses_manage_py && !serves {
        return None;
    }
    // The entry point closest to the deployment file, when one is closer than every other.
    let kind = if uses_manage_py { 0 } else { 1 };
    entry_points.kinds[kind].nearest(&deployment.origin.file)
}
/// Whether a server deployment that names no settings serves an application of another web
/// framework (`gunicorn "app:create_app()"` where `app` imports Flask and not Django): it runs no
/// Django.
pub(super) fn serves_another_framework(project: &mut Project, deployment: &Deployment) -> bool {
    let Some(command) = &deployment.command else {
        return false;
    };
    let (Process::Server(_), Some(app)) = (&command.process, command.app_module.as_deref()) else {
        return false;
    };
    let Some(module) = load(project, app) else {
        return false;
    };
    let shape = project.shape(module);
    shape.imports_other_framework && !shape.imports_django
}

/// What each deployment runs, and the profile that follows from it.
pub(super) fn resolve_deployments<'d>(
    project: &mut Project,
    discovery: &'d Discovery,
    fallbacks: &[&'d Deployment],
    configurations: &HashMap<&'d Path, &'d str>,
    at: &dyn Fn(&Origin) -> String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Resolved<'d>> {
    let display_root = project.display_root().to_path_buf();
    let entry_points = EntryPoints::new(fallbacks, configurations);
    let mut resolved: Vec<Resolved> = Vec::new();
    for deployment in discovery
        .deployments
        .iter()
        .filter(|d| d.role != Role::Fallback)
    {
        let mut entry = resolve_deployment(project, deployment, &entry_points, configurations);
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
        // The line that names the settings says best where the deployment is (unless that is
        // another command of a start script, naming the settings its server runs).
        let named_at = deployment
            .env
            .get(crate::deploy::SETTINGS_MODULE)
            .filter(|v| {
                !deployment.notes.iter().any(|n| {
                    n.origin == v.origin
                        && n.message
                            .starts_with(crate::deploy::script::PLATFORM_SETTINGS_NOTE)
                })
            })
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
    resolved
}

/// What each entry point falls back to: its module, and the class its file sets by default.
pub(super) fn entry_point_defaults<'d>(
    project: &mut Project,
    fallbacks: &[&'d Deployment],
    configurations: &HashMap<&'d Path, &'d str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<EntryPointDefault<'d>> {
    let display_root = project.display_root().to_path_buf();
    let mut defaults: Vec<EntryPointDefault<'d>> = fallbacks
        .iter()
        // A default picked only when a variable is set is what deployments setting it run.
        .filter(|d| d.selected_by.is_none())
        .filter_map(|d| {
            let (name, origin) = d.settings_module()?;
            match load(project, name) {
                Some(module) => {
                    let class = same_file_configuration(configurations, &d.origin.file);
                    Some(EntryPointDefault {
                        deployment: d,
                        module,
                        class,
                    })
                }
                None => {
                    diagnostics.push(unresolved_module(name, origin, &display_root));
                    None
                }
            }
        })
        .collect();
    // `wsgi.py` first, then `asgi.py`: what the usual servers (gunicorn, uwsgi) load is what
    // messages cite.
    defaults.sort_by_key(|d| match d.deployment.origin.file.file_name() {
        Some(name) if name == "wsgi.py" => 0,
        Some(name) if name == "asgi.py" => 1,
        _ => 2,
    });
    defaults
}
