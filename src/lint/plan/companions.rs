//! Compose services whose names say nothing (a worker, a one-off command) take the profile of the
//! server they run next to in the same compose file.

use std::path::{Path, PathBuf};

use crate::deploy::{Process, SourceKind};
use crate::discover::{Discovery, display_path};
use crate::profile::{self, Profile};

use super::{Resolved, walk_root_of};

/// A worker or command in a compose file whose names say nothing runs where the file's server
/// runs: next to a service serving the same settings in production it is production too, and
/// next to the development server (its settings the same, or not known) it is development.
pub(super) fn companions_of_servers(
    resolved: &mut [Resolved],
    discovery: &Discovery,
    display_root: &Path,
) {
    // (file, module, profile, label) of each compose service serving the project.
    let servers: Vec<(PathBuf, Option<usize>, Profile, String)> = resolved
        .iter()
        .filter(|r| r.deployment.kind == SourceKind::Compose)
        .filter_map(|r| {
            let profile = match r.deployment.command.as_ref().map(|c| &c.process) {
                Some(Process::Server(_)) => Profile::Production,
                Some(Process::DevServer) => Profile::Development,
                _ => return None,
            };
            if r.profile.as_ref().map(|p| p.profile) != Some(profile) {
                return None;
            }
            let label = format!(
                "{}:{}",
                display_path(&r.deployment.origin.file, display_root),
                r.deployment.origin.line
            );
            Some((r.deployment.origin.file.clone(), r.module, profile, label))
        })
        .collect();
    for entry in resolved.iter_mut() {
        let Some(classified) = &mut entry.profile else {
            continue;
        };
        let repository = walk_root_of(discovery, &entry.deployment.origin.file)
            .map_or(display_root, PathBuf::as_path);
        if classified.profile != Profile::Staging
            || !profile::is_unnamed_compose_companion(entry.deployment, repository)
        {
            continue;
        }
        let same_file = |file: &PathBuf| *file == entry.deployment.origin.file;
        let production = servers.iter().find(|(file, module, profile, _)| {
            same_file(file)
                && *profile == Profile::Production
                && module.is_some()
                && *module == entry.module
        });
        let development = servers.iter().find(|(file, module, profile, _)| {
            same_file(file)
                && *profile == Profile::Development
                && (entry.module.is_none() || *module == entry.module)
        });
        if let Some((_, _, _, server)) = production {
            classified.profile = Profile::Production;
            classified.reason = format!(
                "runs next to {server} in the same compose file, which serves the same settings in production"
            );
        } else if let Some((_, _, _, server)) = development {
            classified.profile = Profile::Development;
            classified.reason =
                format!("runs next to the development server at {server} in the same compose file");
        }
    }
}
