//! Settings modules that extend an entry point's default: `config/django/production.py` doing
//! `from .base import *` next to `config/django/base.py`, the module `wsgi.py` falls back to.
//! Such a default is the shared base of the deployed settings, not what a server is meant to run:
//! a deployment that starts the server without naming settings sets `DJANGO_SETTINGS_MODULE`
//! outside the repository (a platform's configuration, as the project's documentation usually
//! says), and the module named for production is what it runs.

use std::ffi::OsStr;
use std::path::Path;

use crate::profile::{self, Profile};
use crate::resolve::Project;

/// The modules in the same folder as `module`, named for production or staging, that import it
/// (directly or through another module), in name order.
pub(super) fn deployed_extensions(project: &mut Project, module: usize) -> Vec<usize> {
    let file = project
        .sources
        .get(project.modules[module].file)
        .path
        .clone();
    let Some(dir) = file.parent() else {
        return Vec::new();
    };
    let Some(listing) = project.index().listing(dir) else {
        return Vec::new();
    };
    let siblings: Vec<_> = listing
        .entries()
        .map(|entry| dir.join(entry.name))
        .filter(|path| path != &file && path.extension() == Some(OsStr::new("py")))
        .filter(|path| named_for_deployment(path))
        .filter(|path| project.index().is_file(path))
        .collect();
    let mut extensions = Vec::new();
    for path in siblings {
        if let Some(sibling) = project.load(&path)
            && project.import_closure(sibling).contains(&module)
            && project.shape(sibling).defines_settings()
        {
            extensions.push(sibling);
        }
    }
    extensions
}

fn named_for_deployment(path: &Path) -> bool {
    path.file_stem()
        .and_then(OsStr::to_str)
        .and_then(profile::profile_from_name)
        .is_some_and(|p| matches!(p, Profile::Production | Profile::Staging))
}
