//! Deployments: the ways a repository runs Django, read statically from the files that say so
//! (Dockerfiles, compose files, platform manifests, process managers, entry points, test
//! configuration). One file per source kind, each turning a file's text into [`Deployment`]s;
//! [`collect`] links them across files (a compose service building a Dockerfile stage, a
//! Dockerfile's entrypoint script) into the list the rest of djsafe works from.
//!
//! Everything here is pure: text in, records out. Which settings module a deployment ends up
//! running, and with what profile, is decided later (`crate::lint`), where the import roots are
//! known.

pub mod compose;
pub mod dockerfile;
mod model;
pub mod platforms;
pub mod references;

pub use model::*;

use std::collections::BTreeMap;
use std::path::Path;

pub use compose::compose_env;
pub use dockerfile::dockerfile_env;
pub use references::{configuration_references, settings_module_references};

/// The kind of deployment file `path` is, from its name.
pub fn source_kind(path: &Path) -> Option<SourceKind> {
    let name = path.file_name()?.to_str()?;
    match name {
        "wsgi.py" | "asgi.py" | "manage.py" => return Some(SourceKind::EntryPoint),
        _ => {}
    }
    match deploy_file_kind(name)? {
        DeployFileKind::Dockerfile => Some(SourceKind::Dockerfile),
        DeployFileKind::Compose => Some(SourceKind::Compose),
    }
}

/// Every deployment the files describe, in a stable order (by origin).
pub fn collect(files: &[DeployFile], _read: ReadFile) -> Vec<Deployment> {
    let mut found = Vec::new();
    for file in files {
        match file.kind {
            SourceKind::Dockerfile | SourceKind::Compose => {
                let assignments = if file.kind == SourceKind::Dockerfile {
                    dockerfile_env(&file.text)
                } else {
                    compose_env(&file.text)
                };
                let env = assignments
                    .into_iter()
                    .map(|a| {
                        let var = EnvVar {
                            value: EnvValue::Literal(a.value),
                            origin: Origin {
                                file: file.path.clone(),
                                line: a.line,
                            },
                        };
                        (a.key, var)
                    })
                    .collect();
                found.push(Deployment {
                    origin: Origin {
                        file: file.path.clone(),
                        line: 1,
                    },
                    kind: file.kind,
                    name: None,
                    role: Role::Runs,
                    command: None,
                    env,
                });
            }
            SourceKind::EntryPoint => {
                let origin = |line| Origin {
                    file: file.path.clone(),
                    line,
                };
                for (var, references) in [
                    (SETTINGS_MODULE, settings_module_references(&file.text)),
                    (CONFIGURATION, configuration_references(&file.text)),
                ] {
                    for reference in references {
                        let env = BTreeMap::from([(
                            var.to_string(),
                            EnvVar {
                                value: EnvValue::Literal(reference.module),
                                origin: origin(reference.line),
                            },
                        )]);
                        found.push(Deployment {
                            origin: origin(reference.line),
                            kind: SourceKind::EntryPoint,
                            name: None,
                            role: Role::Fallback,
                            command: None,
                            env,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    found.sort();
    found
}

/// One environment variable assignment found in a deployment file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvAssignment {
    pub key: String,
    pub value: String,
    /// 1-based line of the instruction / entry that sets it.
    pub line: usize,
}

/// Which kind of deployment file a file name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeployFileKind {
    Dockerfile,
    Compose,
}

/// `Dockerfile`, `Dockerfile.prod`, `prod.Dockerfile`, `Dockerfile-staging`, `backend.dockerfile`
/// (case-insensitive) → Dockerfile; `docker-compose.yml`, `docker-compose.prod.yaml`, `docker-compose-dev.yml`,
/// `compose.yaml`, `compose.override.yml` → Compose; anything else None.
pub fn deploy_file_kind(file_name: &str) -> Option<DeployFileKind> {
    let name = file_name.to_ascii_lowercase();
    // BuildKit reads `Dockerfile.dockerignore` as the ignore file of that Dockerfile, not as a Dockerfile.
    if name.ends_with(".dockerignore") {
        return None;
    }
    if name == "dockerfile"
        || name.starts_with("dockerfile.")
        || name.starts_with("dockerfile-")
        || name.ends_with(".dockerfile")
    {
        return Some(DeployFileKind::Dockerfile);
    }
    let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    let compose_stem = name.starts_with("docker-compose.")
        || name.starts_with("docker-compose-")
        || name.starts_with("compose.");
    (yaml && compose_stem).then_some(DeployFileKind::Compose)
}

/// `text` without one pair of matching surrounding quotes.
fn strip_matching_quotes(text: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = text
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_kinds() {
        use DeployFileKind::*;
        for name in [
            "Dockerfile",
            "dockerfile",
            "Dockerfile.prod",
            "prod.Dockerfile",
            "dev.Dockerfile",
            "Dockerfile-staging",
            "backend.dockerfile",
        ] {
            assert_eq!(deploy_file_kind(name), Some(Dockerfile), "{name}");
        }
        for name in [
            "docker-compose.yml",
            "docker-compose.prod.yaml",
            "Docker-Compose.YML",
            "docker-compose-dev.yml",
            "compose.yaml",
            "compose.override.yml",
        ] {
            assert_eq!(deploy_file_kind(name), Some(Compose), "{name}");
        }
        for name in [
            "Dockerfile.dockerignore",
            ".dockerignore",
            "docker-compose.json",
            "compose.py",
            "compose",
            "settings.py",
            "mydockerfile",
            "composer.yml",
        ] {
            assert_eq!(deploy_file_kind(name), None, "{name}");
        }
    }
}
