//! Selectors that define nothing themselves: a `settings/__init__.py` (or `settings.py`) that
//! only imports the settings of another module, picked by an environment variable
//! (`if os.environ['DJANGO_SETTINGS_MODULE'] == 'config.settings': from .dev import *`). What
//! runs when an entry point falls back to it is the module it resolves to, so its profile is
//! what that module's name says.

use crate::eval::{Scenario, Settings};
use crate::profile::{self, Classified, Profile};
use crate::resolve::Project;

/// The profile of the module a selector resolves to with every variable unset (Django still
/// names the selector in `DJANGO_SETTINGS_MODULE` while it runs), when that module's name tells
/// one; `None` for a module that assigns Django settings of its own, or that resolves to no
/// single module whose name tells.
pub(super) fn resolved_profile(project: &mut Project, module: usize) -> Option<Classified> {
    // A module whose own name tells (`production` importing `local`) is what its name says.
    let own_name = &project.modules[module].name;
    if profile::profile_from_name(own_name.rsplit('.').next().unwrap_or(own_name)).is_some() {
        return None;
    }
    let shape = project.shape(module);
    if !shape.star_imports
        || shape.assigns_any_django_name
        || shape.assigns_django_setting
        || shape.includes
        || shape.configuration_classes
    {
        return None;
    }
    let evaluation =
        crate::eval::evaluate(project, &Settings::module(module), &Scenario::default());
    let own_file = project.modules[module].file;
    // A selector that picks by a variable of its own (`DJANGO_ENV == 'production'`) runs what
    // each deployment's environment picks: with none known, the entry point's default decides
    // as for any module, not the branch taken with the variable unset.
    let text = project.sources.get(own_file).text();
    let picks_by_own_variable = evaluation.consulted.iter().any(|var| {
        !matches!(
            var.as_str(),
            "DJANGO_SETTINGS_MODULE" | "DJANGO_CONFIGURATION"
        ) && !var.starts_with('\0')
            && (text.contains(&format!("'{var}'")) || text.contains(&format!("\"{var}\"")))
    });
    if picks_by_own_variable {
        project.release_trees();
        return None;
    }
    // The settings modules its own code imported, as the evaluation ran it.
    let mut named: Vec<(usize, Profile)> = evaluation
        .imported_by
        .iter()
        .filter(|(_, import)| import.file == own_file)
        .filter_map(|(file, _)| project.modules.iter().position(|m| m.file == *file))
        .filter(|&m| m != module)
        .filter_map(|m| {
            let name = &project.modules[m].name;
            let last = name.rsplit('.').next().unwrap_or(name);
            Some((m, profile::profile_from_name(last)?))
        })
        .collect();
    project.release_trees();
    named.sort_unstable();
    named.dedup();
    let [(selected, profile)] = named[..] else {
        return None;
    };
    let name = &project.modules[selected].name;
    let last = name.rsplit('.').next().unwrap_or(name);
    Some(Classified {
        profile,
        reason: format!(
            "a selector that defines nothing itself: while `DJANGO_SETTINGS_MODULE` names it, it imports `{name}` (module name `{last}`)"
        ),
    })
}
