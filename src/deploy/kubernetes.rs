//! Kubernetes manifests: one deployment per container of each workload (Deployment,
//! StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, Argo Rollout), with `env[].value`,
//! `valueFrom` (unknown, unless it names a ConfigMap or Secret of the same folder whose data is
//! committed), `envFrom` (the ConfigMap's data, or a note), and `command`/`args`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::command;
use super::model::{Deployment, EnvValue, Origin, Role, SourceKind};
use super::tree::{Node, Value};
use super::yaml;

/// ConfigMap and Secret data committed in manifests: (folder, kind, name) → key → value, line.
#[derive(Default)]
pub struct ConfigIndex {
    maps: BTreeMap<(PathBuf, &'static str, String), Vec<ConfigEntry>>,
}

/// A key of a ConfigMap or Secret, its value, and where it is written.
type ConfigEntry = (String, String, PathBuf, usize);

const WORKLOADS: &[&str] = &[
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
    /// Adds the ConfigMaps and Secrets of one file.
    pub fn add(&mut self, path: &Path, documents: &[Node]) {
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

    fn get(&self, path: &Path, kind: &'static str, name: &str) -> Option<&[ConfigEntry]> {
        let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
        self.maps
            .get(&(folder, kind, name.to_string()))
            .map(Vec::as_slice)
    }
}

/// One deployment per container of each workload in the documents.
pub fn deployments(path: &Path, documents: &[Node], index: &ConfigIndex) -> Vec<Deployment> {
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
                found.push(container_deployment(path, workload, container, index));
            }
        }
    }
    found
}

fn container_deployment(
    path: &Path,
    workload: &str,
    container: &Node,
    index: &ConfigIndex,
) -> Deployment {
    let container_name = container
        .get("name")
        .and_then(Node::text)
        .unwrap_or("container");
    let line = container.get("name").map_or(container.line, |n| n.line);
    let mut deployment = Deployment::new(
        SourceKind::Kubernetes,
        Origin::new(path, line),
        Some(format!("{workload}/{container_name}")),
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
                        deployment.set(&format!("{prefix}{key}"), EnvValue::Literal(value.clone()), Origin::new(file, *line));
                    }
                }
                None => deployment.note(
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
        deployment.set(name, value, origin);
    }
    let mut argv = container
        .get("command")
        .map(Node::strings)
        .unwrap_or_default();
    argv.extend(container.get("args").map(Node::strings).unwrap_or_default());
    if !argv.is_empty() {
        let node = container.get("command").or_else(|| container.get("args"));
        let line = node.map_or(line, |n| n.line);
        let analysis = command::analyze_argv(&argv);
        deployment.run(
            analysis.command(&argv.join(" "), Origin::new(path, line)),
            analysis.env,
        );
    }
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
