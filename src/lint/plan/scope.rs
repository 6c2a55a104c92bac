//! Where the repository's deployments say what runs: the import roots whose settings a deployment
//! runs, the repositories that deploy settings djsafe cannot see, and those that run Django only
//! for development. Modules there that no deployment runs are not what is deployed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::deploy::Role;
use crate::discover::Discovery;
use crate::profile::Profile;
use crate::resolve::Project;

use super::{Resolved, walk_root_of};

pub(super) struct Scope {
    /// The import roots whose settings some deployment that is not development runs.
    deployed_roots: BTreeSet<PathBuf>,
    /// Repositories whose deployments name settings that are not in them.
    deploys_elsewhere: Vec<PathBuf>,
}

impl Scope {
    pub(super) fn new(project: &Project, discovery: &Discovery, resolved: &[Resolved]) -> Scope {
        // The import roots whose settings some deployment runs (naming them, or through an
        // entry point's default): there the modules no deployment runs are not what is
        // deployed, and an entry point's default is only a fallback.
        let deployed_roots = resolved
            .iter()
            .filter(|r| r.deployment.role == Role::Runs)
            .filter(|r| {
                r.profile
                    .as_ref()
                    .is_some_and(|p| p.profile != Profile::Development)
            })
            .filter_map(|r| {
                let module = r.module.or(r.set_elsewhere)?;
                project.root_of(module).map(Path::to_path_buf)
            })
            .collect();
        // Repositories whose deployments name settings that are not in them (a module a
        // provisioning step writes, such as `conf.run.site_settings`): what they deploy is not
        // any module djsafe sees there.
        let deploys_elsewhere = resolved
            .iter()
            .filter(|r| r.deployment.role == Role::Runs && r.module.is_none())
            .filter(|r| r.module_name.is_some() && r.set_elsewhere.is_none())
            .filter(|r| {
                r.profile
                    .as_ref()
                    .is_some_and(|p| p.profile != Profile::Development)
            })
            .filter_map(|r| walk_root_of(discovery, &r.deployment.origin.file).cloned())
            .collect();
        Scope {
            deployed_roots,
            deploys_elsewhere,
        }
    }

    /// Whether the deployments of `module`'s project say what runs there.
    pub(super) fn deployed(&self, project: &Project, module: usize) -> bool {
        let in_deployed_root = project
            .root_of(module)
            .is_some_and(|root| self.deployed_roots.contains(root));
        let file = &project.sources.get(project.modules[module].file).path;
        in_deployed_root
            || self
                .deploys_elsewhere
                .iter()
                .any(|root| file.starts_with(root))
    }
}

/// Whether the deployments of `module`'s repository that run Django all run it for development
/// (a `docker-compose.dev.yml` and nothing else).
pub(super) fn development_only(
    project: &Project,
    discovery: &Discovery,
    resolved: &[Resolved],
    module: usize,
) -> bool {
    let file = &project.sources.get(project.modules[module].file).path;
    let mut runs = resolved
        .iter()
        .filter(|r| r.deployment.role == Role::Runs)
        .filter(|r| r.module_name.is_some() || r.deployment.command.is_some())
        .filter(|r| {
            discovery
                .walk_roots
                .iter()
                .any(|root| r.deployment.origin.file.starts_with(root) && file.starts_with(root))
        })
        .filter_map(|r| r.profile.as_ref().map(|p| p.profile))
        .peekable();
    runs.peek().is_some() && runs.all(|p| p == Profile::Development)
}
