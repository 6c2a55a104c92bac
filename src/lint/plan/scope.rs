//! Where the repository's deployments say what runs: the import roots whose settings a deployment
//! runs, the repositories that deploy settings djsafe cannot see, and those that run Django only
//! for development. Modules there that no deployment runs are not what is deployed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::deploy::{Origin, Role};
use crate::discover::Discovery;
use crate::profile::Profile;
use crate::resolve::Project;

use super::{EntryPointDefault, Resolved, is_server_entry_point, walk_root_of};

pub(super) struct Scope {
    /// The import roots whose settings some deployment that is not development runs.
    deployed_roots: BTreeSet<PathBuf>,
    /// Repositories whose deployments name settings that are not in them.
    deploys_elsewhere: Vec<PathBuf>,
    /// What each server entry point (`wsgi.py`, `asgi.py`) falls back to: its module, the
    /// module's import root, and the line of the default.
    served: Vec<(usize, Option<PathBuf>, Origin)>,
}

impl Scope {
    pub(super) fn new(
        project: &Project,
        discovery: &Discovery,
        resolved: &[Resolved],
        defaults: &[EntryPointDefault],
    ) -> Scope {
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
        // (`defaults` come `wsgi.py` first.)
        let served = defaults
            .iter()
            .filter(|d| is_server_entry_point(d.deployment))
            .filter_map(|d| {
                let (_, origin) = d.deployment.settings_module()?;
                let root = project.root_of(d.module).map(Path::to_path_buf);
                Some((d.module, root, origin.clone()))
            })
            .collect();
        Scope {
            deployed_roots,
            deploys_elsewhere,
            served,
        }
    }

    /// A server entry point of `module`'s import root that falls back to other settings: the
    /// module it runs and the line of its default. What a server started without
    /// `DJANGO_SETTINGS_MODULE` runs is that module, not this one.
    pub(super) fn served_instead(
        &self,
        project: &Project,
        module: usize,
    ) -> Option<(usize, &Origin)> {
        let root = project.root_of(module);
        self.served
            .iter()
            .find(|(served, served_root, _)| {
                *served != module && served_root.is_some() && served_root.as_deref() == root
            })
            .map(|(served, _, origin)| (*served, origin))
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
