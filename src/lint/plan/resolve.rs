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
    fallbacks: &[&'d Deployment],
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
        let entry_point = entry_point_of(project, deployment, fallbacks)
            .filter(names_module)
            .or_else(|| {
                let mut defaults: Vec<&Deployment> = fallbacks
                    .iter()
                    .copied()
                    .filter(names_module)
                    .filter(|f| configurations.contains_key(f.origin.file.as_path()))
                    .collect();
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
    let Some(entry_point) = entry_point_of(project, deployment, fallbacks) else {
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
/// The entry point whose defaults a deployment that sets no settings module runs: the WSGI/ASGI
/// module its server loads, `manage.py` for management commands, or the only server entry point
/// near the deployment file when the command does not say.
pub(super) fn entry_point_of<'d>(
    project: &Project,
    deployment: &Deployment,
    fallbacks: &[&'d Deployment],
) -> Option<&'d Deployment> {
    let command = deployment.command.as_ref();
    if let Some(app) = command.and_then(|c| c.app_module.as_deref()) {
        let file = project.find_module_file(app)?;
        let file = file.canonicalize().unwrap_or(file);
        return fallbacks
            .iter()
            .copied()
            .find(|f| f.origin.file == file && f.settings_module().is_some());
    }
    let uses_manage_py = command.is_some_and(|c| c.text.contains("manage.py"));
    let wanted = |f: &&&Deployment| {
        let name = f.origin.file.file_name().and_then(|n| n.to_str());
        if uses_manage_py {
            name == Some("manage.py")
        } else {
            matches!(name, Some("wsgi.py" | "asgi.py"))
        }
    };
    let serves = command.is_some_and(|c| matches!(c.process, Process::Server(_)));
    if !uses_manage_py && !serves {
        return None;
    }
    // The entry point closest to the deployment file, when one is closer than every other.
    let near = |f: &Deployment| common_prefix(&f.origin.file, &deployment.origin.file);
    let mut options: Vec<&'d Deployment> = fallbacks
        .iter()
        .filter(wanted)
        .filter(|f| f.settings_module().is_some())
        .copied()
        .collect();
    options.sort_by_key(|f| std::cmp::Reverse(near(f)));
    match options.as_slice() {
        [] => None,
        [only] => Some(only),
        [first, second, ..] if near(first) > near(second) => Some(first),
        _ => None,
    }
}
pub(super) fn common_prefix(a: &Path, b: &Path) -> usize {
    a.components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .count()
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
    let mut resolved: Vec<Resolved> = Vec::new();
    for deployment in discovery
        .deployments
        .iter()
        .filter(|d| d.role != Role::Fallback)
    {
        let mut entry = resolve_deployment(project, deployment, fallbacks, configurations);
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
    fallbacks
        .iter()
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
        .collect()
}
