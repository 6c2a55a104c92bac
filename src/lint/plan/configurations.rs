//! django-configurations: the settings classes a module holds, and the units a module found by
//! its name alone is linted as (each class a name says is deployed, or that no other extends).

use crate::eval::Settings;
use crate::lint::shape::Shape;
use crate::profile;
use crate::resolve::Project;

use super::{Unit, Variant, unit};

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
            .text
            .contains("Configuration")
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
