//! What a deployment runs: the settings module (and django-configurations class) it names, or
//! the defaults of the entry point its command starts; and whether it runs Django at all.

use std::collections::HashMap;
use std::path::Path;

use crate::deploy::{Deployment, Process};
use crate::resolve::Project;

use super::{Resolved, load};

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
