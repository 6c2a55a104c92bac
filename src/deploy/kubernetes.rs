//! Kubernetes manifests: one deployment per container of each workload (Deployment,
//! StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, Argo Rollout), with `env[].value`,
//! `valueFrom` (unknown, unless it names a ConfigMap or Secret of the same folder whose data is
//! committed), `envFrom` (the ConfigMap's data, or a note), and `command`/`args`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::image_run::{ContainerCommand, Images, run_container};
use super::model::{Deployment, EnvValue, Origin, Role, SourceKind};
use super::mounts;
use super::tree::{Node, Value};
use super::yaml;

/// ConfigMap and Secret data committed in manifests: (folder, kind, name) → key → value, line;
/// and the containers that name an image, which a patch of the same container completes.
#[derive(Default)]
pub struct ConfigIndex {
    maps: BTreeMap<(PathBuf, &'static str, String), Vec<ConfigEntry>>,
    /// (workload kind, workload name, container name) → the manifests holding it, with the
    /// container, in the order they were added.
    containers: BTreeMap<(String, String, String), Vec<(PathBuf, Node)>>,
    /// The `.py` files of ConfigMaps, by folder.
    files: Vec<(PathBuf, mounts::ConfigFile)>,
}

/// A key of a ConfigMap or Secret, its value, and where it is written.
type ConfigEntry = (String, String, PathBuf, usize);

pub(super) const WORKLOADS: &[&str] = &[
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "Job",
    "CronJob",
    "Pod",
    "Rollout",
    "DeploymentConfig",
];

/// Whether a YAML text is a Kubernetes manifest: it has top-level `apiVersion:` and `kind:`.
pub fn looks_like_kubernetes(text: &str) -> bool {
    let mut api = false;
    let mut kind = false;
    for line in text.lines() {
        api |= line.starts_with("apiVersion:");
        kind |= line.starts_with("kind:");
        if api && kind {
            return true;
        }
    }
    false
}

/// The documents of a manifest file, `kind: List` items included.
pub fn documents(text: &str) -> Result<Vec<Node>, String> {
    let mut result = Vec::new();
    for document in yaml::parse(text)? {
        if document.get("kind").and_then(Node::text) == Some("List") {
            result.extend(
                document
                    .get("items")
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .cloned(),
            );
        } else {
            result.push(document);
        }
    }
    Ok(result)
}

impl ConfigIndex {
    /// Adds the ConfigMaps, Secrets and image-naming containers of one file.
    pub fn add(&mut self, path: &Path, documents: &[Node]) {
        for (kind, workload, container, _) in containers(documents) {
            if container.get("image").is_some() {
                self.containers
                    .entry((
                        kind.to_string(),
                        workload.to_string(),
                        container_name(container).to_string(),
                    ))
                    .or_default()
                    .push((path.to_path_buf(), container.clone()));
            }
        }
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        for document in documents {
            let kind = match document.get("kind").and_then(Node::text) {
                Some("ConfigMap") => "ConfigMap",
                Some("Secret") => "Secret",
                _ => continue,
            };
            let Some(name) = document.path(&["metadata", "name"]).and_then(Node::text) else {
                continue;
            };
            let mut data = Vec::new();
            for entry in document.get("data").map(Node::entries).unwrap_or_default() {
                let Some(text) = entry.value.text() else {
                    continue;
                };
                let value = if kind == "Secret" {
                    match base64_decode(text) {
                        Some(decoded) => decoded,
                        None => continue,
                    }
                } else {
                    text.to_string()
                };
                data.push((entry.key.clone(), value, path.to_path_buf(), entry.key_line));
            }
            for entry in document
                .get("stringData")
                .map(Node::entries)
                .unwrap_or_default()
            {
                if let Some(text) = entry.value.text() {
                    data.push((
                        entry.key.clone(),
                        text.to_string(),
                        path.to_path_buf(),
                        entry.key_line,
                    ));
                }
            }
            self.maps
                .insert((folder.clone(), kind, name.to_string()), data);
        }
    }

    /// The container a patch completes: the one of that workload and name in another manifest
    /// (the nearest, when several), never the patch's own file.
    fn base_container(
        &self,
        path: &Path,
        kind: &str,
        workload: &str,
        container: &str,
    ) -> Option<(&Path, &Node)> {
        self.containers
            .get(&(
                kind.to_string(),
                workload.to_string(),
                container.to_string(),
            ))?
            .iter()
            .filter(|(file, _)| file != path)
            // The one sharing most folders with the patch; of equals, the first added.
            .rev()
            .max_by_key(|(file, _)| {
                file.components()
                    .zip(path.components())
                    .take_while(|(a, b)| a == b)
                    .count()
            })
            .map(|(file, node)| (file.as_path(), node))
    }

    /// Adds the `.py` files the ConfigMaps of one manifest hold, read from its text (so that
    /// their lines and columns are the manifest's).
    pub fn add_files(&mut self, path: &Path, text: &str) {
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        for file in mounts::config_files(path, text) {
            self.files.push((folder.clone(), file));
        }
    }

    /// The `.py` files a ConfigMap of the manifest's folder holds, which containers may mount.
    fn files(&self, path: &Path, name: &str) -> Vec<mounts::ConfigFile> {
        let folder = path.parent().unwrap_or(Path::new(""));
        self.files
            .iter()
            .filter(|(f, file)| f == folder && file.name == name)
            .map(|(_, file)| file.clone())
            .collect()
    }

    fn get(&self, path: &Path, kind: &'static str, name: &str) -> Option<&[ConfigEntry]> {
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        self.maps
            .get(&(folder, kind, name.to_string()))
            .map(Vec::as_slice)
    }
}

/// One deployment per container of each workload in the documents.
pub fn deployments(
    path: &Path,
    documents: &[Node],
    index: &ConfigIndex,
    images: Images,
) -> Vec<Deployment> {
    let mut found = Vec::new();
    for (kind, workload, container, pod) in containers(documents) {
        let mut deployment = container_deployment(path, kind, workload, container, index, images);
        deployment.mounts = mounts::mounted_files(
            &mounts::volume_mounts(container),
            &mounts::config_volumes(pod),
            &|name| index.files(path, name),
        );
        found.push(deployment);
    }
    found
}

/// Each container of each workload: the workload's kind and name, the container, and its pod's
/// spec.
fn containers(documents: &[Node]) -> Vec<(&str, &str, &Node, &Node)> {
    let mut found = Vec::new();
    for document in documents {
        let Some(kind) = document.get("kind").and_then(Node::text) else {
            continue;
        };
        if !WORKLOADS.contains(&kind) {
            continue;
        }
        let workload = document
            .path(&["metadata", "name"])
            .and_then(Node::text)
            .unwrap_or(kind);
        let pod = match kind {
            "Pod" => document.get("spec"),
            "CronJob" => document.path(&["spec", "jobTemplate", "spec", "template", "spec"]),
            _ => document.path(&["spec", "template", "spec"]),
        };
        let Some(pod) = pod else { continue };
        for group in ["initContainers", "containers"] {
            for container in pod.get(group).map(Node::items).unwrap_or_default() {
                found.push((kind, workload, container, pod));
            }
        }
    }
    found
}

fn container_name(container: &Node) -> &str {
    container
        .get("name")
        .and_then(Node::text)
        .unwrap_or("container")
}

fn container_deployment(
    path: &Path,
    kind: &str,
    workload: &str,
    container: &Node,
    index: &ConfigIndex,
    images: Images,
) -> Deployment {
    let container_name = container_name(container);
    let line = container.get("name").map_or(container.line, |n| n.line);
    let mut deployment = Deployment::new(
        SourceKind::Kubernetes,
        Origin::new(path, line),
        Some(format!("{workload}/{container_name}")),
        Role::Runs,
    );
    // A container naming no image is a patch (a kustomize overlay's) of the container of that
    // name in the workload of that name elsewhere: what that one runs, with the patch's
    // environment and command over it.
    let patched = match container.get("image") {
        Some(_) => None,
        None => index.base_container(path, kind, workload, container_name),
    };
    if let Some((base_path, base)) = patched {
        let under = container_deployment(base_path, kind, workload, base, index, images);
        deployment.env = under.env;
        deployment.command = under.command;
        deployment.notes = under.notes;
        let base_line = base.get("name").map_or(base.line, |n| n.line);
        let patch_file = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        deployment.note(
            Origin::new(base_path, base_line),
            format!(
                "the container {container_name} of {workload} that {patch_file} patches: its image, environment and command apply under the patch's"
            ),
        );
    }
    let mut own_env = Deployment::new(
        SourceKind::Kubernetes,
        deployment.origin.clone(),
        None,
        Role::Runs,
    );
    for source in container
        .get("envFrom")
        .map(Node::items)
        .unwrap_or_default()
    {
        let prefix = source
            .get("prefix")
            .and_then(Node::text)
            .unwrap_or_default();
        for (field, kind) in [("configMapRef", "ConfigMap"), ("secretRef", "Secret")] {
            let Some(name) = source.path(&[field, "name"]).and_then(Node::text) else {
                continue;
            };
            match index.get(path, kind, name) {
                Some(data) => {
                    for (key, value, file, line) in data {
                        own_env.set(&format!("{prefix}{key}"), EnvValue::Literal(value.clone()), Origin::new(file, *line));
                    }
                }
                None => own_env.note(
                    Origin::new(path, source.line),
                    format!("envFrom the {kind} `{name}`, which is not committed next to this manifest: the variables it sets are unknown"),
                ),
            }
        }
    }
    for var in container.get("env").map(Node::items).unwrap_or_default() {
        let Some(name) = var.get("name").and_then(Node::text) else {
            continue;
        };
        let line = var.get("name").map_or(var.line, |n| n.line);
        let (value, origin) = match (var.get("value"), var.get("valueFrom")) {
            (Some(value), _) => (
                value.text().map_or(EnvValue::Literal(String::new()), |t| {
                    EnvValue::Literal(t.to_string())
                }),
                Origin::new(path, line),
            ),
            (None, Some(from)) => value_from(path, from, index)
                .unwrap_or_else(|reason| (EnvValue::Unknown(reason), Origin::new(path, line))),
            (None, None) => (EnvValue::Literal(String::new()), Origin::new(path, line)),
        };
        own_env.set(name, value, origin);
    }
    for (name, var) in own_env.env {
        deployment.set(&name, var.value, var.origin);
    }
    deployment.notes.extend(own_env.notes);
    let own = ContainerCommand {
        command: container.get("command").map(Node::strings),
        args: container.get("args").map(Node::strings),
        origin: container
            .get("command")
            .or_else(|| container.get("args"))
            .map(|n| Origin::new(path, n.line)),
    };
    let image = container.get("image").and_then(Node::text).and_then(images);
    run_container(
        &mut deployment,
        image.as_ref(),
        &own,
        &Origin::new(path, line),
    );
    deployment
}

/// A `valueFrom`: the committed ConfigMap or Secret value it names, or why it is unknown.
fn value_from(path: &Path, from: &Node, index: &ConfigIndex) -> Result<(EnvValue, Origin), String> {
    for (field, kind) in [("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")] {
        let Some(reference) = from.get(field) else {
            continue;
        };
        let name = reference
            .get("name")
            .and_then(Node::text)
            .unwrap_or_default();
        let key = reference
            .get("key")
            .and_then(Node::text)
            .unwrap_or_default();
        if let Some((_, value, file, line)) = index
            .get(path, kind, name)
            .and_then(|data| data.iter().rev().find(|(k, ..)| k == key))
        {
            return Ok((EnvValue::Literal(value.clone()), Origin::new(file, *line)));
        }
        return Err(format!("from the {kind} {name}/{key}"));
    }
    let source = match &from.value {
        Value::Map(entries) => entries.first().map_or("valueFrom", |e| e.key.as_str()),
        _ => "valueFrom",
    };
    Err(format!("from the pod's {source}"))
}

/// Standard base64 (what Secret `data` holds), as UTF-8 text.
fn base64_decode(text: &str) -> Option<String> {
    let mut bits: u32 = 0;
    let mut count = 0;
    let mut bytes = Vec::new();
    for c in text.bytes().filter(|b| !b.is_ascii_whitespace()) {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
#[path = "kubernetes_tests.rs"]
mod tests;
