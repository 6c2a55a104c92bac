//! The units deployments run: each settings module (and django-configurations class) a
//! deployment or an entry point's default names, with one variant per deployment environment
//! and the unset variant, whose profile the most exposed deployment decides.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::deploy::{Deployment, Origin, Role};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::discover::{Discovery, display_path};
use crate::profile::{self, Classified, Profile};
use crate::resolve::Project;

use super::configurations::{configuration_classes, configuration_units};
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
        let mut env: BTreeMap<String, Setting> = entry
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
        // The files its container mounts that settings import exist in its evaluations alone.
        for mount in entry
            .deployment
            .mounts
            .iter()
            .filter(|m| super::container_files::imported_mount(project, m))
        {
            let setting = Setting {
                value: Some("1".into()),
                origin: Some(mount.origin.clone()),
            };
            env.insert(crate::deploy::mounts::marker(mount), setting);
        }
        // The files its image leaves out that settings import are missing in its evaluations.
        if let Some(left_out) = &entry.deployment.left_out
            && project.first_left_out(left_out).is_some()
        {
            let setting = Setting {
                value: Some("1".into()),
                origin: Some(Origin::new(left_out.file(), 1)),
            };
            env.insert(crate::resolve::left_out_marker(left_out), setting);
        }
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
    let keys: BTreeSet<(usize, Option<String>)> = units.keys().cloned().collect();
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
        // Whether any deployment of the repository names its settings: if none does, a server
        // entry point's default decides, and development servers that reach the module only
        // through `manage.py`'s default say nothing about what a server runs.
        // (One that must set it outside the repository, because the default is development
        // settings or the base of production ones, names other settings.)
        let any_named = resolved.iter().any(|r| {
            r.deployment.role == Role::Runs
                && ((r.via.is_none() && r.module_name.is_some()) || r.set_elsewhere.is_some())
        });
        let mut unset = super::container_files::unset_variant_of_containers(
            project,
            &name,
            &variants,
            &named_by,
            others_named,
            any_named,
            at,
        );
        // A selector that defines nothing itself runs what it imports: where no deployment runs
        // it, its profile is that module's.
        if !variants
            .iter()
            .any(|v| v.deployment.is_some_and(|d| d.role == Role::Runs))
            && let Some(selected) = super::selectors::resolved_profile(project, module)
        {
            let shown = named_by
                .iter()
                .find(|d| is_server_entry_point(d))
                .or(named_by.first());
            unset.profile = selected.profile;
            unset.reason = match shown.and_then(|d| d.settings_module()) {
                Some((_, origin)) => format!("{}; the default of {}", selected.reason, at(origin)),
                None => selected.reason,
            };
        }
        // The branch an entry point takes with the variable unset, whose other branch a
        // deployment or a hosting platform runs: the entry point itself says this one is what
        // runs elsewhere (a developer's machine).
        if !variants
            .iter()
            .any(|v| v.deployment.is_some_and(|d| d.role == Role::Runs))
            && let Some((fallback, selected, module)) =
                other_branch_runs(&named_by, &discovery.deployments, resolved)
        {
            let selector = selected.selected_by.as_ref().expect("a selected default");
            unset.profile = Profile::Development;
            unset.reason = format!(
                "the default of {} while {} is unset; where it is set ({}) the entry point runs `{module}`",
                at(default_origin(fallback)),
                selector.var,
                selected
                    .name
                    .as_deref()
                    .unwrap_or("a deployment that sets it"),
            );
        }
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
        let mut variants = variants;
        // Run only where a variable an entry point tests is set: the module never runs with
        // every variable unset, so its variables-unset environment is the one selecting it.
        if named_by.is_empty()
            && let Some(most) = selected_only(&variants, &discovery.deployments, &name)
        {
            unset = variants.remove(most);
        }
        // A django-configurations module run without a class djsafe knows (DJANGO_CONFIGURATION
        // set outside the repository): every setting lives in the classes, so the classes are
        // what runs, each by its name; the bare module never is.
        if class.is_none() && !configuration_classes(project, module).is_empty() {
            let run_by = variants.first().map(|v| v.label.clone());
            for mut expanded in configuration_units(project, module, &name, &unset) {
                if keys.contains(&(module, expanded.settings.class.clone())) {
                    continue;
                }
                if let (Some(run_by), Some(first)) = (&run_by, expanded.variants.first_mut()) {
                    first.reason.push_str(&format!(
                        "; {run_by} runs the module with a class set outside the repository"
                    ));
                }
                plan_units.push(expanded);
            }
            project.release_trees();
            continue;
        }
        plan_units.push(unit(module, class, name, unset, variants));
    }
    plan_units
}

/// A package of a settings module's dotted name that is named for development, whole
/// (`dev.settings`) or as a sample project's name (`devproject`, `testsite`): the project around
/// the settings is a developer's, so development servers running them say what they are.
fn development_package(name: &str) -> Option<&str> {
    let module = name.split(':').next().unwrap_or(name);
    let mut packages: Vec<&str> = module.split('.').collect();
    packages.pop();
    packages.into_iter().find(|package| {
        let lower = package.to_ascii_lowercase();
        let stem = ["project", "proj", "site"]
            .iter()
            .find_map(|suffix| lower.strip_suffix(suffix).filter(|s| !s.is_empty()))
            .unwrap_or(&lower);
        profile::profile_from_name(stem) == Some(Profile::Development)
    })
}

/// The most exposed of a module's variants when every one of them sets a variable that an
/// entry point tests to select the module.
fn selected_only(
    variants: &[Variant<'_>],
    deployments: &[Deployment],
    name: &str,
) -> Option<usize> {
    let selecting: Vec<&str> = deployments
        .iter()
        .filter(|d| d.settings_module().is_some_and(|(m, _)| m == name))
        .filter_map(|d| d.selected_by.as_ref().map(|s| s.var.as_str()))
        .collect();
    if selecting.is_empty()
        || variants.is_empty()
        || !variants
            .iter()
            .all(|v| selecting.iter().any(|var| v.env.contains_key(*var)))
    {
        return None;
    }
    (0..variants.len()).max_by_key(|&i| (variants[i].profile, std::cmp::Reverse(i)))
}

/// A default (of `fallbacks`) that an entry point takes with a variable unset, whose file selects
/// other settings when the variable is set, and that other branch runs: a platform's deployment,
/// or a deployment resolved through it. The default, the selected branch and its module.
fn other_branch_runs<'a>(
    fallbacks: &[&'a Deployment],
    deployments: &'a [Deployment],
    resolved: &[Resolved<'_>],
) -> Option<(&'a Deployment, &'a Deployment, &'a str)> {
    fallbacks.iter().find_map(|fallback| {
        let (own, _) = fallback.settings_module()?;
        deployments
            .iter()
            .filter(|d| d.selected_by.is_some() && d.origin.file == fallback.origin.file)
            .filter_map(|d| Some((d, d.settings_module()?)))
            .find(|(d, (module, origin))| {
                *module != own
                    && (d.role == Role::Runs
                        || resolved.iter().any(|r| r.via.as_ref() == Some(*origin)))
            })
            .map(|(d, (module, _))| (*fallback, d, module))
    })
}

/// The profile of a module's code with every variable unset: the most exposed deployment that
/// runs it; else, for what a server entry point falls back to, production when no deployment of
/// the project names its settings; else what its name says.
pub(super) fn unset_variant<'d>(
    name: &str,
    variants: &[Variant<'d>],
    fallbacks: &[&Deployment],
    others_named: bool,
    any_named: bool,
    at: &dyn Fn(&Origin) -> String,
) -> Variant<'d> {
    // Tests and build steps that run a module through `manage.py`'s default say nothing about
    // what a server started without the variable runs: a server entry point's default decides
    // that, as when no deployment names the module.
    let only_tests_or_builds = variants
        .iter()
        .all(|v| v.deployment.is_some_and(|d| d.role != Role::Runs));
    let server_default = fallbacks.iter().any(|d| is_server_entry_point(d));
    let deciding: Vec<&Variant<'d>> = if only_tests_or_builds && server_default {
        Vec::new()
    } else if server_default && !any_named && development_package(name).is_none() {
        // No deployment names settings: the server entry point's default decides, unless a
        // deployment serving the project through it says more.
        variants
            .iter()
            .filter(|v| v.profile != Profile::Development)
            .collect()
    } else {
        variants.iter().collect()
    };
    let classified = if let Some(most) = deciding.iter().copied().max_by_key(|v| v.profile) {
        let also: Vec<&str> = variants
            .iter()
            .filter(|v| v.profile == most.profile && !std::ptr::eq(*v, most))
            .map(|v| v.label.as_str())
            .collect();
        let mut reason = most.reason.clone();
        if !also.is_empty() {
            reason.push_str(&format!(" (and {})", also.join(", ")));
        }
        let last = name.rsplit(['.', ':']).next().unwrap_or(name);
        match profile::profile_from_name(last) {
            // A build step (`collectstatic --settings=X`) says nothing about where X is served:
            // it never lowers the profile below what the module's name says.
            Some(named) if named > most.profile && builds_only(most) => Classified {
                profile: named,
                reason: format!(
                    "module name `{last}`; {reason} says nothing about where it is served"
                ),
            },
            _ => Classified {
                profile: most.profile,
                reason,
            },
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

/// Whether a variant's deployment only builds with the settings (`collectstatic`).
fn builds_only(variant: &Variant<'_>) -> bool {
    variant.deployment.is_some_and(|d| {
        d.role == Role::Build
            || d.command
                .as_ref()
                .is_some_and(|c| matches!(c.process, crate::deploy::Process::Build(_)))
    })
}

#[cfg(test)]
mod tests {
    use super::development_package;

    #[test]
    fn packages_named_for_development() {
        assert_eq!(
            development_package("devproject.settings"),
            Some("devproject")
        );
        assert_eq!(development_package("testsite.settings"), Some("testsite"));
        assert_eq!(development_package("dev.settings:Base"), Some("dev"));
        // The module's own name is judged elsewhere; a project named otherwise says nothing.
        assert_eq!(development_package("djangogirls.settings"), None);
        assert_eq!(development_package("mysite.settings.dev"), None);
        assert_eq!(development_package("project.settings"), None);
        assert_eq!(development_package("devices.settings"), None);
    }
}
