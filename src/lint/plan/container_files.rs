//! Deployments whose containers do not hold the checkout as it is: files mounted from
//! ConfigMaps ([`crate::deploy::mounts`]) and files the image's `.dockerignore` leaves out
//! ([`crate::deploy::dockerignore`]). What they run is the module with that difference; the
//! checkout as it is runs elsewhere (a developer's machine), which they say nothing about.

use super::Variant;
use super::deployed_units::unset_variant;
use crate::deploy::{Deployment, FileMount, Origin};
use crate::profile::Profile;
use crate::resolve::Project;

/// Whether settings import a file a container mounts (a gunicorn configuration mounted next to
/// them does not matter to them): its module is then loaded.
pub(super) fn imported_mount(project: &Project, mount: &FileMount) -> bool {
    mount.repository_path.as_ref().is_some_and(|path| {
        project
            .module_by_path(&project.index().canonical(path))
            .is_some()
    })
}

/// How a deployment's container differs from the checkout, for the settings djsafe loads.
enum Difference<'d> {
    Mounts(&'d FileMount),
    /// The image leaves out this module, by this line of its ignore file.
    LeavesOut(String, Origin),
}

fn difference<'d>(project: &Project, deployment: &'d Deployment) -> Option<Difference<'d>> {
    if let Some(mount) = deployment
        .mounts
        .iter()
        .find(|m| imported_mount(project, m))
    {
        return Some(Difference::Mounts(mount));
    }
    let left_out = deployment.left_out.as_ref()?;
    let (module, line) = project.first_left_out(left_out)?;
    Some(Difference::LeavesOut(
        project.modules[module].name.clone(),
        Origin::new(left_out.file(), line),
    ))
}

/// The unset variant of a module some of whose deployments run containers that differ from the
/// checkout: the checkout as it is runs where nothing differs, so those deployments decide
/// nothing about it; when all of them differ, it is what a developer runs.
pub(super) fn unset_variant_of_containers<'d>(
    project: &Project,
    name: &str,
    variants: &[Variant<'d>],
    fallbacks: &[&Deployment],
    others_named: bool,
    any_named: bool,
    at: &dyn Fn(&Origin) -> String,
) -> Variant<'d> {
    let difference_of = |v: &Variant<'d>| v.deployment.and_then(|d| difference(project, d));
    let same: Vec<Variant<'d>> = variants
        .iter()
        .filter(|v| difference_of(v).is_none())
        .cloned()
        .collect();
    let Some(found) = variants.iter().find_map(difference_of) else {
        return unset_variant(name, variants, fallbacks, others_named, any_named, at);
    };
    if same.is_empty() {
        let reason = match found {
            Difference::Mounts(mount) => format!(
                "every deployment that runs it mounts files into it ({} from {}); without them it is a developer's checkout",
                mount.mount_path,
                at(&mount.origin)
            ),
            Difference::LeavesOut(module, origin) => format!(
                "every deployment that runs it runs an image that leaves out `{module}` ({}); with it, it is a developer's checkout",
                at(&origin)
            ),
        };
        return Variant::unset(Profile::Development, reason);
    }
    // The deployments whose containers differ say what a server runs (the module with their
    // files): the entry point's default does not decide for the checkout as it is.
    let mut unset = unset_variant(name, &same, fallbacks, others_named, true, at);
    unset.reason = match found {
        Difference::Mounts(mount) => format!(
            "without the files its Kubernetes deployments mount ({} from {}): {}",
            mount.mount_path,
            at(&mount.origin),
            unset.reason
        ),
        Difference::LeavesOut(module, origin) => format!(
            "with `{module}`, which its images leave out ({}): {}",
            at(&origin),
            unset.reason
        ),
    };
    unset
}
