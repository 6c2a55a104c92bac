//! Settings modules no deployment runs, found by their names or as the defaults of entry points
//! in projects whose deployments say what runs: linted on their own only when they stand alone
//! (not a base or fragment others import, not another framework's settings), with the profile
//! their names and the project's deployments give them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::deploy::Origin;
use crate::discover::{Discovery, is_settings_module_name};
use crate::profile::{self, Classified, Profile};
use crate::resolve::Project;

use super::configurations::configuration_units;
use super::scope::{Scope, development_only};
use super::{
    EntryPointDefault, Resolved, Unit, Variant, default_origin, is_server_entry_point, load, stale,
};

pub(super) fn standalone_units(
    project: &mut Project,
    discovery: &Discovery,
    resolved: &[Resolved<'_>],
    defaults: &[EntryPointDefault<'_>],
    scope: &Scope,
    at: &dyn Fn(&Origin) -> String,
    plan_units: &mut Vec<Unit<'_>>,
) {
    // Settings modules found by their names, and the defaults of entry points in projects whose
    // deployments say what runs: linted when they stand alone.
    let mut candidates: Vec<usize> = discovery
        .candidates
        .iter()
        .filter_map(|path| project.load(path))
        .collect();
    candidates.extend(
        defaults
            .iter()
            .filter(|d| scope.deployed(project, d.module))
            .map(|d| d.module),
    );
    // What a server that falls back to a base runs instead: the settings extending it.
    candidates.extend(resolved.iter().filter_map(|r| r.extended_by));
    // The entry point default naming each, a server's first.
    let fallback_of = |module: usize| {
        let naming = || defaults.iter().filter(move |d| d.module == module);
        naming()
            .find(|d| is_server_entry_point(d.deployment))
            .or_else(|| naming().next())
            .map(|d| d.deployment)
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
        let importable = name.split('.').all(is_settings_module_name);
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
        if scope.deployed(project, module) && own_profile.is_none_or(|p| p == Profile::Development)
        {
            // The project's deployments say what runs, and this is not it.
            if classified.profile != Profile::Development {
                classified = Classified {
                    profile: Profile::Development,
                    reason: "no deployment of the project runs it".into(),
                };
            }
        } else if own_profile.is_none()
            && fallback_of(module).is_none()
            && classified.profile != Profile::Development
            && let Some((served, served_at)) = scope.served_instead(project, module)
        {
            // No deployment file says what runs, but a server entry point does: a server
            // started without the variable runs its default, and nothing names this module.
            classified = Classified {
                profile: Profile::Development,
                reason: format!(
                    "nothing names it, and the server entry point's default at {} runs `{}`",
                    at(served_at),
                    project.modules[served].name
                ),
            };
        }
        // (An entry point's default named for production says what a server runs without the
        // variable: it stays linted.)
        if own_profile.is_some_and(|p| p != Profile::Development)
            && fallback_of(module).is_none()
            && let Some(reason) = stale::stale_alternative(project, resolved, &imported, module, at)
        {
            classified = Classified {
                profile: Profile::Development,
                reason,
            };
        }
        if own_profile.is_some_and(|p| p != Profile::Development)
            && let Some(reason) = stale::leftover_project(project, resolved, defaults, module, at)
        {
            classified = Classified {
                profile: Profile::Development,
                reason,
            };
        }
        let served = fallback_of(module).is_some_and(is_server_entry_point);
        if !served
            && own_profile.is_none()
            && development_only(project, discovery, resolved, module)
        {
            classified = Classified {
                profile: Profile::Development,
                reason: "the repository's deployments run only development settings, and no server entry point defaults to it".into(),
            };
        }
        if let Some(fallback) = fallback_of(module) {
            let origin = default_origin(fallback);
            classified
                .reason
                .push_str(&format!("; the default of {}", at(origin)));
        }
        let unset = Variant::unset(classified.profile, classified.reason);
        plan_units.extend(configuration_units(project, module, &name, &unset));
        // Evaluating django-configurations classes parsed trees that the lint parses again.
        project.release_trees();
    }
}

/// Whether `importer` imports the settings of others to make its own, as a selector or an
/// aggregator does (`settings/__init__.py` or `settings.py` picking `production` by an
/// environment variable): the modules it imports are linted through it.
fn is_aggregator(project: &Project, importer: usize, units: &BTreeSet<usize>) -> bool {
    let module = &project.modules[importer];
    let last = module.name.rsplit('.').next().unwrap_or(&module.name);
    units.contains(&importer) && (module.is_package || last == "settings")
}
