//! The ConfigMaps and Secrets a Helm chart's templates define, for containers that take their
//! whole environment from one (`envFrom: - configMapRef: name: {{ ... }}-config`). Templates are
//! read line by line, as `helm` does not run here: a document with top-level `kind: ConfigMap`
//! (or `Secret`), its `metadata.name`, and the `data` entries one level in, each value a literal
//! or a `{{ .Values.x }}` found in the values. A name is compared as rendered where the values
//! say it and as written elsewhere: the same template text gives the same name.

use std::path::{Path, PathBuf};

use super::helm::{Values, resolve_text, unquote, values_reference};
use super::model::{Deployment, EnvValue, Origin};

/// A ConfigMap or Secret of one template: its kind, name as written, and data lines.
pub struct ConfigTemplate {
    pub file: PathBuf,
    pub kind: &'static str,
    pub name: String,
    /// `(line, text)` of each line of the `data`/`stringData` block, one level in.
    data: Vec<(usize, usize, String)>,
}

/// Every ConfigMap and Secret the templates define (`---` separates documents).
pub fn config_templates(templates: &[(PathBuf, String)]) -> Vec<ConfigTemplate> {
    let mut found = Vec::new();
    for (file, text) in templates {
        if !text.contains("ConfigMap") && !text.contains("Secret") {
            continue;
        }
        let mut document: Vec<(usize, usize, &str)> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            if line.trim_end() == "---" {
                found.extend(config_document(file, &document));
                document.clear();
            } else {
                document.push((index + 1, line.len() - line.trim_start().len(), line));
            }
        }
        found.extend(config_document(file, &document));
    }
    found
}

fn config_document(file: &Path, lines: &[(usize, usize, &str)]) -> Option<ConfigTemplate> {
    let top = |key: &str| {
        lines
            .iter()
            .position(|(_, indent, text)| *indent == 0 && text.trim_end() == key)
    };
    let kind = lines.iter().find_map(|(_, indent, text)| {
        match text
            .strip_prefix("kind:")
            .map(str::trim)
            .filter(|_| *indent == 0)
        {
            Some("ConfigMap") => Some("ConfigMap"),
            Some("Secret") => Some("Secret"),
            _ => None,
        }
    })?;
    let metadata = top("metadata:")?;
    let name = lines[metadata + 1..]
        .iter()
        .take_while(|(_, indent, text)| *indent > 0 || text.trim().is_empty())
        .find_map(|(_, _, text)| text.trim().strip_prefix("name:"))
        .map(|name| unquote(name.trim()).to_string())?;
    let mut data = Vec::new();
    for key in ["data:", "stringData:"] {
        let Some(start) = top(key) else { continue };
        let block: Vec<&(usize, usize, &str)> = lines[start + 1..]
            .iter()
            .take_while(|(_, indent, text)| {
                *indent > 0 || text.trim().is_empty() || text.trim_start().starts_with("{{")
            })
            .collect();
        let level = block
            .iter()
            .filter(|(_, _, text)| !text.trim().is_empty() && !text.trim().starts_with('#'))
            .map(|(_, indent, _)| *indent)
            .min()
            .unwrap_or(0);
        data.extend(
            block
                .into_iter()
                .filter(|(_, indent, _)| *indent <= level)
                .map(|(line, indent, text)| (*line, *indent, text.trim().to_string())),
        );
    }
    Some(ConfigTemplate {
        file: file.to_path_buf(),
        kind,
        name,
        data,
    })
}

/// A template name as `helm` would render it as far as the values say: each `{{ .Values.x }}`
/// found replaced by its value, any other expression kept as written (spaces collapsed).
pub fn rendered_name(text: &str, values: &Values) -> String {
    let mut result = String::new();
    let mut rest = text;
    // Each round consumes one `{{`: bounded by the text's length.
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        result.push_str(&rest[..start]);
        let expression = &rest[start..start + end + 2];
        match resolve_text(expression, values).0 {
            EnvValue::Literal(value) => result.push_str(&value),
            EnvValue::Unknown(_) => {
                // `{{include "x" .}}` and `{{- include "x" . -}}` render alike.
                let inner = expression
                    .trim_start_matches("{{")
                    .trim_end_matches("}}")
                    .trim_matches(['-', ' ']);
                let words: Vec<&str> = inner.split_whitespace().collect();
                result.push_str(&format!("{{{{ {} }}}}", words.join(" ")));
            }
        }
        rest = &rest[start + end + 2..];
    }
    result.push_str(rest);
    result
}

/// The environment a container's `envFrom` entries give it: each `(kind, name, line)` found
/// among the chart's ConfigMaps (their data, values substituted) or Secrets (set, value
/// unknown), or a note that the chart does not define it.
pub fn env_from(
    deployment: &mut Deployment,
    path: &Path,
    references: &[(&'static str, String, usize)],
    configs: &[ConfigTemplate],
    values: &Values,
) {
    for (kind, name, line) in references {
        let wanted = rendered_name(name, values);
        let Some(config) = configs
            .iter()
            .find(|c| c.kind == *kind && rendered_name(&c.name, values) == wanted)
        else {
            deployment.note(
                Origin::new(path, *line),
                format!("envFrom the {kind} `{name}`, which no template of the chart defines: the variables it sets are unknown"),
            );
            continue;
        };
        for (key, value, origin) in config_entries(config, values) {
            let value = if *kind == "Secret" {
                EnvValue::Unknown(format!("from the Secret `{name}` the chart defines"))
            } else {
                value
            };
            deployment.set_default(&key, &super::model::EnvVar { value, origin });
        }
    }
}

/// A ConfigMap's entries with their values under `values`: `KEY: value` lines, and the entries of
/// a values collection a `range`/`toYaml` line copies in.
fn config_entries(config: &ConfigTemplate, values: &Values) -> Vec<(String, EnvValue, Origin)> {
    let mut found = Vec::new();
    for (line, _, text) in &config.data {
        if text.starts_with("{{") {
            if let Some(values_path) = values_reference(text, &["range", "toYaml"]) {
                let keys: Vec<&str> = values_path.split('.').collect();
                for (key, node, file) in values.collection(&keys) {
                    let value = node.text().map_or(
                        EnvValue::Unknown("not a string in the values".into()),
                        |t| EnvValue::Literal(t.to_string()),
                    );
                    found.push((key, value, Origin::new(file, node.line)));
                }
            }
            continue;
        }
        let Some((key, value)) = text.split_once(':') else {
            continue;
        };
        let key = unquote(key.trim()).to_string();
        if key.is_empty() || key.starts_with('#') || key.contains("{{") {
            continue;
        }
        let value = value.trim();
        let here = Origin::new(&config.file, *line);
        if value.starts_with('|') || value.starts_with('>') {
            found.push((
                key,
                EnvValue::Unknown("a block of text in the template".into()),
                here,
            ));
            continue;
        }
        let (value, origin) = resolve_text(unquote(value), values);
        found.push((key, value, origin.unwrap_or(here)));
    }
    found
}

#[cfg(test)]
#[path = "helm_config_tests.rs"]
mod tests;
