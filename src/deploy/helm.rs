//! Helm charts: each values file (`values.yaml`, and overlays such as `values-production.yaml`
//! merged over it, which name their environment) applied to the chart's templates. Templates
//! are not YAML until rendered, so they are read line by line: container `env` entries
//! (`value:` literal, or `{{ .Values.x }}` looked up in the values, with `| default`), env
//! blocks filled by `range ... .Values.x` or `toYaml .Values.x`, and `command`/`args`. Any other
//! template expression is an unknown value.

use std::path::{Path, PathBuf};

use super::helm_config;
use super::image_run::{ContainerCommand, Images, run_container};
use super::model::{Deployment, EnvValue, Origin, Role, SourceKind};
use super::mounts::{self, ConfigFile};
use super::tree::{Node, Value};
use super::yaml;

/// The environment an overlay's file name gives: `values-production.yaml` → `production`;
/// `values.yaml` → None.
pub fn overlay_name(file_name: &str) -> Option<String> {
    let stem = file_name
        .strip_suffix(".yaml")
        .or_else(|| file_name.strip_suffix(".yml"))?;
    let rest = stem.strip_prefix("values")?;
    let rest = rest.trim_start_matches(['-', '.', '_']);
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Values files are the chart's `values*.yaml`.
pub fn is_values_file(file_name: &str) -> bool {
    file_name.starts_with("values") && (file_name.ends_with(".yaml") || file_name.ends_with(".yml"))
}

pub(super) struct Values<'a> {
    /// The overlay first, then the chart's values.yaml.
    pub(super) layers: Vec<(&'a Node, &'a Path)>,
    /// Why every value is unknown, when the overlay is a file outside the repository.
    pub(super) outside: Option<&'a str>,
}

impl Values<'_> {
    fn lookup(&self, path: &[&str]) -> Option<(&Node, &Path)> {
        if self.outside.is_some() {
            return None;
        }
        self.layers
            .iter()
            .find_map(|(root, file)| Some((root.path(path)?, *file)))
    }

    /// A map's entries across layers (the overlay's win), or a list's items from the top layer.
    pub(super) fn collection(&self, path: &[&str]) -> Vec<(String, &Node, &Path)> {
        let mut result: Vec<(String, &Node, &Path)> = Vec::new();
        if self.outside.is_some() {
            return result;
        }
        for (root, file) in &self.layers {
            let Some(node) = root.path(path) else {
                continue;
            };
            match &node.value {
                Value::Map(entries) => {
                    for entry in entries {
                        if !result.iter().any(|(k, ..)| *k == entry.key) {
                            result.push((entry.key.clone(), &entry.value, file));
                        }
                    }
                }
                Value::Seq(items) if result.is_empty() => {
                    for item in items {
                        if let Some(name) = item.get("name").and_then(Node::text)
                            && let Some(value) = item.get("value")
                        {
                            result.push((name.to_string(), value, file));
                        }
                    }
                    return result;
                }
                _ => {}
            }
        }
        result
    }
}

/// A values file applied to a chart: its path, the environment it names (None for the chart's
/// own `values.yaml`), and its text.
pub struct ValuesFile {
    pub path: PathBuf,
    pub environment: Option<String>,
    pub text: String,
    /// Set for a values file outside the repository (a deploy script's argument that nothing in
    /// the repository gives): why every value the chart reads is unknown. `path` is then the
    /// script's.
    pub outside: Option<String>,
}

/// The deployments of one chart: for each values file (the chart's own, then each overlay over
/// it), one per template that defines containers.
pub fn deployments(
    values_files: &[ValuesFile],
    templates: &[(PathBuf, String)],
    images: Images,
) -> Vec<Deployment> {
    let parsed: Vec<(&ValuesFile, Node)> = values_files
        .iter()
        .filter_map(|file| Some((file, yaml::parse_one_lenient(&file.text).ok()?)))
        .collect();
    let base = parsed.iter().find(|(file, _)| file.environment.is_none());
    let configs = helm_config::config_templates(templates);
    let files: Vec<ConfigFile> = templates
        .iter()
        .flat_map(|(path, text)| mounts::config_files(path, text))
        .collect();
    let mut found = Vec::new();
    for (file, root) in &parsed {
        let mut layers = vec![(root, file.path.as_path())];
        if let (Some(_), Some((base_file, base_root))) = (&file.environment, base) {
            layers.push((base_root, base_file.path.as_path()));
        }
        let values = Values {
            layers,
            outside: file.outside.as_deref(),
        };
        let chart = Chart {
            values: &values,
            configs: &configs,
            files: &files,
            images,
        };
        for (template, text) in templates {
            if !text.contains("containers:") || !defines_workload(text) {
                continue;
            }
            let stem = template
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let env_name = file.environment.clone().unwrap_or_else(|| "default".into());
            found.push(template_deployment(
                template,
                text,
                &chart,
                format!("{env_name}/{stem}"),
            ));
        }
    }
    found
}

/// What a template is rendered with: the values, the chart's ConfigMaps and Secrets, and the
/// images the repository publishes.
struct Chart<'a> {
    values: &'a Values<'a>,
    configs: &'a [helm_config::ConfigTemplate],
    /// The `.py` files the chart's ConfigMaps hold, which containers may mount.
    files: &'a [ConfigFile],
    images: Images<'a>,
}

/// Whether a template defines a workload that runs containers: a top-level `kind:` among
/// Kubernetes' workloads (or one a template expression names), or no `kind:` it can read. An
/// Argo `AnalysisTemplate` runs checks around a rollout, not the application.
fn defines_workload(text: &str) -> bool {
    let kinds: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("kind:"))
        .map(|k| unquote(k.trim()))
        .collect();
    kinds.is_empty()
        || kinds
            .iter()
            .any(|k| k.contains("{{") || super::kubernetes::WORKLOADS.contains(k))
}

fn template_deployment(path: &Path, text: &str, chart: &Chart, name: String) -> Deployment {
    let values = chart.values;
    let lines: Vec<(usize, usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.len() - l.trim_start().len(), l.trim()))
        .collect();
    let start = lines
        .iter()
        .find(|(_, _, t)| *t == "containers:")
        .map_or(1, |l| l.0);
    let mut deployment = Deployment::new(
        SourceKind::Helm,
        Origin::new(path, start),
        Some(name),
        Role::Runs,
    );
    let mut own = ContainerCommand::default();
    let mut image: Option<String> = None;
    let mut env_from: Vec<(&'static str, String, usize)> = Vec::new();
    let (mut volume_mounts, mut volumes) = (Vec::new(), Vec::new());
    let mut at = 0;
    while at < lines.len() {
        let (line, indent, content) = lines[at];
        at += 1;
        let item = content.strip_prefix("- ").unwrap_or(content);
        match content {
            "env:" => {
                let end = block_end(&lines, at, indent);
                read_env(&mut deployment, path, &lines[at..end], values);
                at = end;
            }
            "envFrom:" => {
                let end = block_end(&lines, at, indent);
                env_from.extend(env_from_references(&lines[at..end]));
                at = end;
            }
            "volumeMounts:" | "volumes:" => {
                let end = block_end(&lines, at, indent);
                if let Some(node) = mounts::detemplated(&lines[at - 1..end]) {
                    volume_mounts.extend(mounts::volume_mounts(&node));
                    volumes.extend(mounts::config_volumes(&node));
                }
                at = end;
            }
            _ if line > start && image.is_none() && item.starts_with("image:") => {
                let text = unquote(item["image:".len()..].trim());
                image = Some(helm_config::rendered_name(text, values));
            }
            _ if content.starts_with("command:") || content.starts_with("args:") => {
                let end = block_end(&lines, at, indent);
                let inline = content
                    .split_once(':')
                    .map(|(_, v)| v.trim())
                    .unwrap_or_default();
                let argv: Vec<String> = if inline.starts_with('[') {
                    yaml::parse_one(inline)
                        .map(|n| n.strings())
                        .unwrap_or_default()
                } else {
                    lines[at..end]
                        .iter()
                        .filter_map(|(_, _, t)| t.strip_prefix("- "))
                        .map(|t| {
                            resolve_text(unquote(t.trim()), values)
                                .0
                                .literal()
                                .unwrap_or("$TEMPLATE")
                                .to_string()
                        })
                        .collect()
                };
                own.origin.get_or_insert_with(|| Origin::new(path, line));
                if content.starts_with("args:") {
                    own.args = Some(argv);
                } else {
                    own.command = Some(argv);
                }
                at = end;
            }
            _ => {}
        }
    }
    // `env` entries win over `envFrom`; both over the image's own environment.
    helm_config::env_from(&mut deployment, path, &env_from, chart.configs, values);
    let files_of = |name: &str| -> Vec<ConfigFile> {
        let wanted = helm_config::rendered_name(name, values);
        chart
            .files
            .iter()
            .filter(|f| helm_config::rendered_name(&f.name, values) == wanted)
            .cloned()
            .collect()
    };
    deployment.mounts = mounts::mounted_files(&volume_mounts, &volumes, &files_of);
    let image = image.and_then(|image| (chart.images)(&image));
    let origin = deployment.origin.clone();
    run_container(&mut deployment, image.as_ref(), &own, &origin);
    deployment
}

/// The `configMapRef`/`secretRef` names of an `envFrom` block, with their lines.
fn env_from_references(lines: &[(usize, usize, &str)]) -> Vec<(&'static str, String, usize)> {
    let mut found = Vec::new();
    let mut kind: Option<&'static str> = None;
    for &(line, _, content) in lines {
        let item = content.strip_prefix("- ").unwrap_or(content);
        if item.starts_with("configMapRef:") {
            kind = Some("ConfigMap");
        } else if item.starts_with("secretRef:") {
            kind = Some("Secret");
        } else if let Some(name) = item.strip_prefix("name:")
            && let Some(kind) = kind.take()
        {
            found.push((kind, unquote(name.trim()).to_string(), line));
        }
    }
    found
}

/// The index after a block opened at `indent`: lines more indented, `- ` items at the same
/// indent, and template control lines.
fn block_end(lines: &[(usize, usize, &str)], from: usize, indent: usize) -> usize {
    let mut end = from;
    while end < lines.len() {
        let (_, i, t) = lines[end];
        let inside = t.is_empty()
            || t.starts_with("{{")
            || t.starts_with('#')
            || i > indent
            || (i == indent && t.starts_with("- "));
        if !inside {
            break;
        }
        end += 1;
    }
    end
}

fn read_env(
    deployment: &mut Deployment,
    path: &Path,
    lines: &[(usize, usize, &str)],
    values: &Values,
) {
    let mut current: Option<(String, usize)> = None;
    for &(line, _, content) in lines {
        if content.starts_with("{{") {
            if let Some(values_path) = values_reference(content, &["range", "toYaml", "include"]) {
                let keys: Vec<&str> = values_path.split('.').collect();
                for (key, node, file) in values.collection(&keys) {
                    let value = node.text().map_or(
                        EnvValue::Unknown("not a string in the values".into()),
                        |t| EnvValue::Literal(t.to_string()),
                    );
                    deployment.set(&key, value, Origin::new(file, node.line));
                }
            }
            continue;
        }
        let item = content.strip_prefix("- ").unwrap_or(content);
        if let Some(name) = item.strip_prefix("name:") {
            current = Some((unquote(name.trim()).to_string(), line));
            continue;
        }
        let Some((name, name_line)) = &current else {
            continue;
        };
        if let Some(value) = item.strip_prefix("value:") {
            let (value, origin) = resolve_text(unquote(value.trim()), values);
            let origin = origin.unwrap_or_else(|| Origin::new(path, *name_line));
            deployment.set(name, value, origin);
            current = None;
        } else if item.starts_with("valueFrom:") {
            deployment.set(
                name,
                EnvValue::Unknown("from the pod's valueFrom".into()),
                Origin::new(path, *name_line),
            );
            current = None;
        }
    }
}

pub(super) fn unquote(text: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            let expression = inner.starts_with("{{") && inner.ends_with("}}");
            if !inner.contains(quote) || expression {
                return inner;
            }
        }
    }
    text
}

/// A template value: literal text, or `{{ .Values.a.b }}` (with `| quote`, `| default "x"`)
/// found in the values (with the values line as origin), else unknown.
pub(super) fn resolve_text(text: &str, values: &Values) -> (EnvValue, Option<Origin>) {
    if !text.contains("{{") {
        return (EnvValue::Literal(text.to_string()), None);
    }
    let trimmed = text.trim();
    let whole =
        trimmed.starts_with("{{") && trimmed.ends_with("}}") && trimmed.matches("{{").count() == 1;
    if whole && let Some(reason) = values.outside {
        return (EnvValue::Unknown(reason.to_string()), None);
    }
    if whole {
        let inner = trimmed
            .trim_start_matches("{{")
            .trim_end_matches("}}")
            .trim_matches(['-', ' ']);
        if let Some(path) = values_reference(inner, &[])
            && plain_pipeline(inner)
        {
            let keys: Vec<&str> = path.split('.').collect();
            if let Some((node, file)) = values.lookup(&keys)
                && let Some(value) = node.text()
                // A value that is itself a template (`tpl` renders it) is not what it says.
                && !value.contains("{{")
            {
                return (
                    EnvValue::Literal(value.to_string()),
                    Some(Origin::new(file, node.line)),
                );
            }
            if let Some(default) = inner.split("default").nth(1).and_then(|d| {
                let d = d.split_whitespace().next()?;
                Some(unquote(d).to_string())
            }) && !default.starts_with('.')
            {
                return (EnvValue::Literal(default), None);
            }
        }
    }
    (
        EnvValue::Unknown(format!("the Helm template expression `{trimmed}`")),
        None,
    )
}

/// Whether an expression gives a values entry as it is: `.Values.x` (or `default "y" .Values.x`)
/// piped only through quoting, `toString`, `trim` or `default`. Anything else (`tpl`, `b64enc`,
/// `printf`, `upper`) makes another value.
fn plain_pipeline(expression: &str) -> bool {
    let mut segments = expression.split('|').map(str::trim);
    let head = segments.next().unwrap_or_default();
    (head.starts_with(".Values.") || head.starts_with("default "))
        && segments.all(|segment| {
            let function = segment.split_whitespace().next().unwrap_or_default();
            matches!(
                function,
                "quote" | "squote" | "toString" | "trim" | "default"
            )
        })
}

/// The `.Values.a.b` path a template expression uses, when it uses one (and, with `verbs`, one
/// of those verbs).
pub(super) fn values_reference(expression: &str, verbs: &[&str]) -> Option<String> {
    if !verbs.is_empty() && !verbs.iter().any(|v| expression.contains(v)) {
        return None;
    }
    let at = expression.find(".Values.")?;
    let path: String = expression[at + ".Values.".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        .collect();
    let path = path.trim_end_matches('.').to_string();
    (!path.is_empty()).then_some(path)
}

#[cfg(test)]
#[path = "helm_tests.rs"]
mod tests;
