//! The units deployments run: each settings module (and django-configurations class) a
//! deployment or an entry point's default names, with one variant per deployment environment
//! and the unset variant, whose profile the most exposed deployment decides.

use std::collections::BTreeMap;
use std::path::Path;

use crate::deploy::{Deployment, Origin, Role};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::discover::{Discovery, display_path};
use crate::profile::{self, Classified, Profile};
use crate::resolve::Project;

use super::scope::{Scope, development_only};
use super::{
    EntryPointDefault, Resolved, SETTINGS_VARIABLES, Setting, Unit, Variant, default_origin,
    deployment_label, is_server_entry_point, unit, unit_name,
};

/// A unit for each module a deployment runs, and for each entry point's default where no
/// deployment of the project says what runs. A module that defines no settings gets a
/// diagnostic instead.
#[allow(clippy::too_many_arguments)]
pub(super) fn deployed_units<'d>(
    project: &mut Project,
    discovery: &Discovery,
    resolved: &[Resolved<'d>],
    defaults: &[EntryPointDefault<'d>],
    scope: &Scope,
    display_root: &Path,
    at: &dyn Fn(&Origin) -> String,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Unit<'d>> {
    // Units for what deployments run.
    let mut units: BTreeMap<(usize, Option<String>), Vec<Variant<'d>>> = BTreeMap::new();
    for entry in resolved {
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
                label: deployment_label(entry.deployment, display_root),
                profile: profile.profile,
                reason: profile.reason.clone(),
            });
    }
    // What entry points fall back to, where no deployment of the project says what runs.
    for default in defaults {
        if !scope.deployed(project, default.module) {
            units
                .entry((default.module, default.class.clone()))
                .or_default();
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
                    defaults
                        .iter()
                        .filter(|d| d.module == module && d.class == class)
                        .map(|d| d.deployment.origin.clone()),
                )
                .next();
            if let Some(origin) = origin {
                diagnostics.push(Diagnostic::in_file(
                    DiagnosticKind::NoSettingsDefined,
                    display_path(&origin.file, display_root),
                    Some(origin.line),
                    format!("the settings module `{name}` it names defines no settings, so djsafe has nothing to check"),
                ));
            }
            continue;
        }
        let named_by: Vec<&Deployment> = defaults
            .iter()
            .filter(|d| d.module == module && d.class == class)
            .map(|d| d.deployment)
            .collect();
        // Deployments of the repository that name other settings (of any profile): then an
        // entry point's default is only a fallback.
        let others_named = resolved.iter().any(|r| {
            r.deployment.role == Role::Runs
                && r.via.is_none()
                && r.module.is_some_and(|m| m != module)
        });
        let mut unset = unset_variant(&name, &variants, &named_by, others_named, at);
        // Only `manage.py` names it, and every deployment of the repository that runs Django
        // runs it for development: it is what `manage.py runserver` loads.
        if variants.is_empty()
            && !named_by.iter().any(|d| is_server_entry_point(d))
            && unset.profile != Profile::Development
            && development_only(project, discovery, resolved, module)
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
        // Only `manage.py` (or a test configuration) names it, while a server entry point of the
        // same project falls back to other settings: what a server started without the variable
        // runs is the server's default; `manage.py`'s is what a developer's commands load.
        if variants.is_empty()
            && !named_by.iter().any(|d| is_server_entry_point(d))
            && unset.profile != Profile::Development
            && let Some((served, served_at)) = scope.served_instead(project, module)
        {
            let named_at = named_by.first().and_then(|d| d.settings_module());
            unset.profile = Profile::Development;
            unset.reason = format!(
                "the default of {}, while the server entry point's default at {} runs `{}`",
                named_at.map_or_else(|| "an entry point".to_string(), |(_, origin)| at(origin)),
                at(served_at),
                project.modules[served].name
            );
        }
        // An entry point of a leftover project package, next to the package the project's
        // command line and deployments use.
        if variants.is_empty()
            && unset.profile != Profile::Development
            && let Some(reason) =
                super::stale::leftover_project(project, resolved, defaults, module, at)
        {
            let named_at = named_by.first().and_then(|d| d.settings_module());
            unset.profile = Profile::Development;
            unset.reason = match named_at {
                Some((_, origin)) => format!("{reason}; the default of {}", at(origin)),
                None => reason,
            };
        }
        plan_units.push(unit(module, class, name, unset, variants));
    }
    plan_units
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
                let origin = default_origin(fallback);
                Classified {
                    profile: Profile::Development,
                    reason: format!(
                        "named for development; the default of {}, while the repository's deployments name other settings",
                        at(origin)
                    ),
                }
            }
            Some(fallback) => {
                let origin = default_origin(fallback);
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
                    let origin = default_origin(fallback);
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
