//! Settings named for production that nothing runs, next to the ones a deployment does run.
//!
//! A `settings/production.py` is linted on its name alone when no deployment says what runs.
//! When a production or staging deployment of the repository names another module of the same
//! settings package (`cla_backend.settings`, which the image's uwsgi config sets, next to a
//! `cla_backend/settings/production.py` no file, script or entry point names), the named module
//! is what runs and the other is a stale alternative: linting it as production reports values
//! that are deployed nowhere.

use std::collections::HashMap;

use crate::deploy::{Origin, Role};
use crate::profile::Profile;
use crate::resolve::Project;

use super::Resolved;

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
