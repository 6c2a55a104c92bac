//! Compose's override file. `docker compose up` with no `-f` reads `compose.yaml` (or
//! `docker-compose.yml`) and then the `compose.override.yaml` (or `docker-compose.override.yml`)
//! next to it, merged service by service. The override is where projects put what a developer's
//! machine adds (the checkout mounted over the code, `DEBUG: 'True'`), so its services are not
//! deployments of their own: they complete the base file's.

use std::path::{Path, PathBuf};

use super::compose::Service;

const BASES: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];
const OVERRIDES: &[&str] = &[
    "compose.override.yaml",
    "compose.override.yml",
    "docker-compose.override.yaml",
    "docker-compose.override.yml",
];

fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
}

/// Whether `path` is an override file.
pub fn is_override(path: &Path) -> bool {
    OVERRIDES.contains(&file_name(path))
}

/// Whether `path` is a file Compose reads by default, which an override next to it completes.
pub fn is_default_file(path: &Path) -> bool {
    BASES.contains(&file_name(path))
}

/// The override files Compose would read with the default file at `path`, in its order of
/// preference (`compose.override.yaml` first).
pub fn override_candidates(path: &Path) -> Vec<PathBuf> {
    if !is_default_file(path) {
        return Vec::new();
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    OVERRIDES.iter().map(|name| dir.join(name)).collect()
}

/// The default files an override at `path` completes.
pub fn base_candidates(path: &Path) -> Vec<PathBuf> {
    if !is_override(path) {
        return Vec::new();
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    BASES.iter().map(|name| dir.join(name)).collect()
}

/// Merges an override's services into the base file's, as Compose does: the override's
/// environment and env files come after the base's (so its values win), a command, entrypoint,
/// build, image or source mount it sets replaces the base's, and a service only the override
/// defines is added.
pub fn merge(services: &mut Vec<Service>, overrides: Vec<Service>) {
    for over in overrides {
        match services.iter_mut().find(|s| s.name == over.name) {
            Some(base) => {
                base.env.extend(over.env);
                base.env_files.extend(over.env_files);
                if over.command.is_some() {
                    base.command = over.command;
                }
                if over.entrypoint.is_some() {
                    base.entrypoint = over.entrypoint;
                }
                if over.build.is_some() {
                    base.build = over.build;
                }
                if over.image.is_some() {
                    base.image = over.image;
                }
                if over.source_mount.is_some() {
                    base.source_mount = over.source_mount;
                }
            }
            None => services.push(over),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_names_pair_with_default_names_only() {
        assert!(is_override(Path::new("a/docker-compose.override.yml")));
        assert!(!is_override(Path::new("a/docker-compose.prod.yml")));
        assert_eq!(
            override_candidates(Path::new("a/compose.yaml"))[0],
            Path::new("a/compose.override.yaml")
        );
        // `-f docker-compose.prod.yml` is named explicitly: Compose reads no override with it.
        assert!(override_candidates(Path::new("a/docker-compose.prod.yml")).is_empty());
        assert_eq!(
            base_candidates(Path::new("docker-compose.override.yml")).len(),
            BASES.len()
        );
    }
}
