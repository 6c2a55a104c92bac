//! django-configurations: the settings classes a module holds, and the units a module found by
//! its name alone is linted as (each class a name says is deployed, or that no other extends).

use std::collections::BTreeSet;

use crate::eval::Settings;
use crate::lint::shape::Shape;
use crate::profile::{self, Profile};
use crate::resolve::Project;

use super::{Unit, Variant, unit, unit_name};

/// The django-configurations classes a module holds (defined there, imported or re-exported),
/// each with whether another extends it. Only modules whose import closure mentions
/// `Configuration` are evaluated to find them.
pub(in crate::lint) fn configuration_classes(
    project: &Project,
    module: usize,
) -> Vec<(String, bool)> {
    let mentions = project.import_closure(module).into_iter().any(|m| {
        project
            .sources
            .get(project.modules[m].file)
            .text_contains("Configuration")
    });
    if !mentions {
        return Vec::new();
    }
    let evaluation = crate::eval::evaluate(
        project,
        &Settings::module(module),
        &crate::eval::Scenario::default(),
    );
    crate::eval::configuration_classes(&evaluation.namespace)
}
/// A module found by its name alone, as units: the module itself, or with django-configurations
/// each settings class that a name says is deployed or that no other class extends (a shared
/// base like `Common` is linted through the classes that extend it).
pub(super) fn configuration_units<'d>(
    project: &Project,
    module: usize,
    name: &str,
    unset: &Variant<'d>,
) -> Vec<Unit<'d>> {
    let classes = configuration_classes(project, module);
    if classes.is_empty() {
        return vec![unit(
            module,
            None,
            name.to_string(),
            unset.clone(),
            Vec::new(),
        )];
    }
    classes
        .into_iter()
        .filter(|(class, extended)| profile::profile_from_name(class).is_some() || !extended)
        .map(|(class, _)| {
            let full = format!("{name}:{class}");
            let classified = profile::classify(&full);
            let variant = Variant {
                profile: classified.profile,
                reason: classified.reason,
                ..unset.clone()
            };
            unit(module, Some(class), full, variant, Vec::new())
        })
        .collect()
}
impl Project {
    /// What a module's code says about it (see [`shape`]).
    pub fn shape(&self, module: usize) -> &Shape {
        &self.modules[module].shape
    }

    pub fn defines_settings(&self, module: usize) -> bool {
        self.shape(module).defines_settings() || !configuration_classes(self, module).is_empty()
    }
}

/// The other classes of a django-configurations module a deployment runs, whose names say
/// they are deployed (`ProductionReadOnly` next to `Production`), and those no class extends
/// whose names do not tell (`Feature(Production)` for feature-branch deployments): selected
/// by a DJANGO_CONFIGURATION set outside the repository, they are linted as a module found by
/// its name alone would be.
pub(super) fn other_deployed_classes(project: &mut Project, plan_units: &mut Vec<Unit<'_>>) {
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
}
