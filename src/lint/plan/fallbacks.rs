//! A server entry point (`wsgi.py`, `asgi.py`) whose default is development settings, in a
//! project whose deployments run other settings: a server started without
//! `DJANGO_SETTINGS_MODULE` runs development settings (DJS049 says so at the default's line).

use crate::deploy::{Origin, Role};
use crate::profile::{self, Profile};
use crate::resolve::Project;

use super::scope::Scope;
use super::{
    DevelopmentFallback, EntryPointDefault, Resolved, Unit, default_origin, is_server_entry_point,
    unit_name,
};

pub(super) fn development_fallbacks(
    project: &Project,
    resolved: &[Resolved<'_>],
    defaults: &[EntryPointDefault<'_>],
    scope: &Scope,
    units: &[Unit<'_>],
    at: &dyn Fn(&Origin) -> String,
) -> Vec<DevelopmentFallback> {
    let mut development_fallbacks = Vec::new();
    for default in defaults {
        let (fallback, module, class) = (default.deployment, &default.module, &default.class);
        let development = |profile: Option<Profile>| profile == Some(Profile::Development);
        let name = unit_name(project, *module, class.as_deref());
        let runs_development = units
            .iter()
            .filter(|u| u.settings.module == *module && u.settings.class == *class)
            .all(|u| u.variants.iter().all(|v| v.profile == Profile::Development));
        let named_development = development(profile::profile_from_name(
            name.rsplit(['.', ':']).next().unwrap_or(&name),
        ));
        if is_server_entry_point(fallback)
            && scope.deployed(project, *module)
            && runs_development
            && named_development
        {
            let origin = default_origin(fallback);
            let deployments = deployments_of_root(project, resolved, *module, at);
            if !deployments.is_empty() {
                development_fallbacks.push(DevelopmentFallback {
                    origin: origin.clone(),
                    module: name,
                    deployments,
                });
            }
        }
    }
    development_fallbacks
}

/// Where the deployments of a module's project name the settings they run, for messages: each
/// place once (an Elastic Beanstalk environment property names the settings of every command).
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
        .fold(Vec::new(), |mut places, place| {
            if !places.contains(&place) {
                places.push(place);
            }
            places
        })
}
