//! Settings named for production that nothing runs, next to the ones a deployment does run.
//!
//! A `settings/production.py` is linted on its name alone when no deployment says what runs.
//! When a production or staging deployment of the repository names another module of the same
//! settings package (`cla_backend.settings`, which the image's uwsgi config sets, next to a
//! `cla_backend/settings/production.py` no file, script or entry point names), the named module
//! is what runs and the other is a stale alternative: linting it as production reports values
//! that are deployed nowhere.

use std::collections::HashMap;

use crate::deploy::{Origin, Role, SourceKind};
use crate::profile::Profile;
use crate::resolve::Project;

use super::{EntryPointDefault, Resolved};

/// Why `module`, named for production or staging, is not what the repository deploys: the
/// deployment that runs a sibling instead, at its line. `None` when no such deployment exists,
/// or when `module` builds on the module that deployment runs (`production.py` doing
/// `from . import *` extends what is named, and may be what is really meant).
pub(super) fn stale_alternative(
    project: &Project,
    resolved: &[Resolved],
    imported: &HashMap<usize, Vec<usize>>,
    module: usize,
    at: &dyn Fn(&Origin) -> String,
) -> Option<String> {
    let name = &project.modules[module].name;
    let (package, _) = name.rsplit_once('.')?;
    resolved
        .iter()
        .filter(|r| r.deployment.role == Role::Runs && r.via.is_none())
        .filter(|r| {
            r.profile
                .as_ref()
                .is_some_and(|p| p.profile != Profile::Development)
        })
        .filter_map(|r| Some((r, r.module?)))
        .filter(|(_, runs)| *runs != module)
        .find(|(_, runs)| {
            let runs_name = &project.modules[*runs].name;
            let same_package = runs_name == package
                || runs_name
                    .rsplit_once('.')
                    .is_some_and(|(p, _)| p == package);
            let extends = imported
                .get(runs)
                .is_some_and(|importers| importers.contains(&module));
            same_package && !extends
        })
        .map(|(r, runs)| {
            let named = r
                .deployment
                .env
                .get(crate::deploy::SETTINGS_MODULE)
                .map_or(&r.deployment.origin, |v| &v.origin);
            format!(
                "no deployment runs it: the deployment at {} runs `{}`",
                at(named),
                project.modules[runs].name
            )
        })
}

/// Why `module`, in a project package whose own entry points are all that name it, belongs to a
/// leftover project: `manage.py` beside that package defaults to another project package's
/// settings, and a deployment that is not development runs that other package (a project renamed
/// from `shop_backend` to `shop`, the old package still committed with its `asgi.py` defaulting to
/// `shop_backend.settings.production`). `None` when anything outside the package names one of its
/// modules, or when the project's command line and deployments do not agree on another package.
pub(super) fn leftover_project(
    project: &Project,
    resolved: &[Resolved],
    defaults: &[EntryPointDefault],
    module: usize,
    at: &dyn Fn(&Origin) -> String,
) -> Option<String> {
    let top = |name: &str| name.split('.').next().unwrap_or(name).to_string();
    let package = top(&project.modules[module].name);
    let root = project.root_of(module)?.to_path_buf();
    let package_dir = root.join(&package);
    let names_package = |r: &Resolved| {
        r.module
            .map(|m| project.modules[m].name.as_str())
            .or(r.module_name.as_deref())
            .is_some_and(|name| top(name) == package)
    };
    // Only the package's own entry points may name it.
    let outside = |file: &std::path::Path| !file.starts_with(&package_dir);
    if resolved
        .iter()
        .any(|r| names_package(r) && outside(&r.deployment.origin.file))
        || defaults.iter().any(|d| {
            top(&project.modules[d.module].name) == package && outside(&d.deployment.origin.file)
        })
    {
        return None;
    }
    let manage = defaults.iter().find(|d| {
        d.deployment.kind == SourceKind::EntryPoint
            && d.deployment.origin.file == root.join("manage.py")
            && top(&project.modules[d.module].name) != package
    })?;
    let other = top(&project.modules[manage.module].name);
    let deployed = resolved.iter().find(|r| {
        r.deployment.role == Role::Runs
            && r.profile
                .as_ref()
                .is_some_and(|p| p.profile != Profile::Development)
            && r.module
                .is_some_and(|m| top(&project.modules[m].name) == other)
    })?;
    let named = deployed
        .deployment
        .env
        .get(crate::deploy::SETTINGS_MODULE)
        .map_or(&deployed.deployment.origin, |v| &v.origin);
    Some(format!(
        "a leftover project package: {} and the deployment at {} run `{other}`, and nothing outside `{package}` names its settings",
        at(&manage.deployment.origin),
        at(named),
    ))
}
