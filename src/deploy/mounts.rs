//! Python files a Kubernetes or Helm container mounts from a ConfigMap: the ConfigMap's data
//! holds the file as a block scalar (`local_settings.py: |-`), and the container mounts it with
//! `volumeMounts` (`mountPath: /app/proj/local_settings.py` with `subPath`, or a folder of the
//! ConfigMap's keys) from a `configMap` volume (with or without `items`). Where the image puts the
//! repository (`COPY . /app`) says which repository path the file lands at: for that deployment,
//! the module at that path is the ConfigMap's text.
//!
//! The text is kept line for line with the manifest, so findings point into it. Helm templates
//! are read line by line, as `helm` does not run here: a template expression inside the file
//! becomes a name the evaluator knows as unknown ([`TEMPLATE_NAME`]), a string holding one
//! becomes that name as a whole, and a name assigned inside `{{ if }}`...`{{ end }}` is unknown
//! after it (either branch, or neither, may be what is rendered).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::model::{DeployFile, Deployment, FileMount, Origin, SourceKind};
use super::tree::Node;
use super::{copies, dockerfile, yaml};

/// What a Helm template expression inside a mounted file becomes: a name the evaluator reads as
/// a value rendered when the chart is installed (unknown).
pub const TEMPLATE_NAME: &str = "__helm_template__";

/// The prefix of the variable that says, in an evaluation's environment, that a deployment mounts
/// a file: no real variable name holds a NUL byte.
pub const MARKER_PREFIX: &str = "\0mount:";

/// The variable an evaluation sets when its deployment mounts `mount`'s file.
pub fn marker(mount: &FileMount) -> String {
    format!(
        "{MARKER_PREFIX}{}:{}",
        mount.origin.file.display(),
        mount.origin.line
    )
}

/// A `.py` key of a ConfigMap: the map's name as written, the key, where, and the file's text.
#[derive(Clone, Debug)]
pub struct ConfigFile {
    pub name: String,
    pub key: String,
    pub origin: Origin,
    pub text: String,
}

/// A container's `volumeMounts` entry.
#[derive(Debug, PartialEq)]
pub struct VolumeMount {
    pub mount_path: String,
    pub volume: String,
    pub sub_path: Option<String>,
}

/// A pod volume backed by a ConfigMap: its name, the ConfigMap's name as written, and the
/// `items` (key, path) when it lists them (else every key, at its own name).
#[derive(Debug, PartialEq)]
pub struct ConfigVolume {
    pub volume: String,
    pub config_map: String,
    pub items: Option<Vec<(String, String)>>,
}

/// Bounds on what one block may hold.
const MAX_BLOCK_LINES: usize = 20_000;

/// The `volumeMounts` of a container.
pub fn volume_mounts(container: &Node) -> Vec<VolumeMount> {
    let mut found = Vec::new();
    for item in container
        .get("volumeMounts")
        .map(Node::items)
        .unwrap_or_default()
    {
        let text = |key: &str| item.get(key).and_then(Node::text).map(str::to_string);
        if let (Some(mount_path), Some(volume)) = (text("mountPath"), text("name")) {
            found.push(VolumeMount {
                mount_path,
                volume,
                sub_path: text("subPath").filter(|s| !s.is_empty()),
            });
        }
    }
    found
}

/// The ConfigMap volumes of a pod spec.
pub fn config_volumes(pod: &Node) -> Vec<ConfigVolume> {
    let mut found = Vec::new();
    for item in pod.get("volumes").map(Node::items).unwrap_or_default() {
        let (Some(volume), Some(config_map)) = (
            item.get("name").and_then(Node::text),
            item.path(&["configMap", "name"]).and_then(Node::text),
        ) else {
            continue;
        };
        let items = item.path(&["configMap", "items"]).map(|items| {
            items
                .items()
                .iter()
                .filter_map(|i| {
                    Some((
                        i.get("key")?.text()?.to_string(),
                        i.get("path")?.text()?.to_string(),
                    ))
                })
                .collect()
        });
        found.push(ConfigVolume {
            volume: volume.to_string(),
            config_map: config_map.to_string(),
            items,
        });
    }
    found
}

/// The Python files the mounts put in place: `files_of` gives a ConfigMap's `.py` files by the
/// name a volume writes.
pub fn mounted_files(
    mounts: &[VolumeMount],
    volumes: &[ConfigVolume],
    files_of: &dyn Fn(&str) -> Vec<ConfigFile>,
) -> Vec<FileMount> {
    let mut found = Vec::new();
    for mount in mounts {
        let Some(volume) = volumes.iter().find(|v| v.volume == mount.volume) else {
            continue;
        };
        let files = files_of(&volume.config_map);
        if files.is_empty() {
            continue;
        }
        let pairs: Vec<(String, String)> = match &volume.items {
            Some(items) => items.clone(),
            None => files
                .iter()
                .map(|f| (f.key.clone(), f.key.clone()))
                .collect(),
        };
        let placed: Vec<(String, &str)> = match &mount.sub_path {
            Some(sub_path) => pairs
                .iter()
                .filter(|(_, path)| path == sub_path)
                .map(|(key, _)| (mount.mount_path.clone(), key.as_str()))
                .collect(),
            None => pairs
                .iter()
                .map(|(key, path)| {
                    let folder = mount.mount_path.trim_end_matches('/');
                    (format!("{folder}/{path}"), key.as_str())
                })
                .collect(),
        };
        for (mount_path, key) in placed {
            let Some(file) = files.iter().find(|f| f.key == key) else {
                continue;
            };
            if mount_path.ends_with(".py") && mount_path.starts_with('/') {
                found.push(FileMount {
                    mount_path,
                    origin: file.origin.clone(),
                    text: file.text.clone(),
                    repository_path: None,
                });
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The `.py` keys of the ConfigMaps a manifest or Helm template defines, read line by line
/// (`---` separates documents): a top-level `kind: ConfigMap`, its `metadata.name`, and each
/// `data` key holding a literal block (`key.py: |`, `|-`, `|+`).
pub fn config_files(path: &Path, text: &str) -> Vec<ConfigFile> {
    if !text.contains("ConfigMap") || !text.contains(".py") {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut start = 0;
    for end in (0..=lines.len()).filter(|&i| i == lines.len() || lines[i].trim_end() == "---") {
        found.extend(document_files(path, &lines, start, end));
        start = end + 1;
    }
    found
}

/// Whether a line is only template control (`{{- if .Values.x }}`, `{{ end }}`).
fn is_control(trimmed: &str) -> bool {
    trimmed.starts_with("{{") && trimmed.ends_with("}}") && trimmed.matches("{{").count() == 1
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn document_files(path: &Path, lines: &[&str], start: usize, end: usize) -> Vec<ConfigFile> {
    let document = &lines[start.min(end)..end];
    let top = |key: &str| {
        document
            .iter()
            .position(|l| indent_of(l) == 0 && l.trim_end() == key)
    };
    let is_config_map = document
        .iter()
        .any(|l| l.strip_prefix("kind:").map(str::trim) == Some("ConfigMap"));
    let (true, Some(metadata), Some(data)) = (is_config_map, top("metadata:"), top("data:")) else {
        return Vec::new();
    };
    let Some(name) = document[metadata + 1..]
        .iter()
        .take_while(|l| indent_of(l) > 0 || l.trim().is_empty())
        .find_map(|l| l.trim().strip_prefix("name:"))
        .map(|n| super::helm::unquote(n.trim()).to_string())
    else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut level: Option<usize> = None;
    let mut at = data + 1;
    while at < document.len() {
        let line = document[at];
        let trimmed = line.trim();
        at += 1;
        if trimmed.is_empty() || trimmed.starts_with('#') || is_control(trimmed) {
            continue;
        }
        let indent = indent_of(line);
        if indent == 0 {
            break;
        }
        let level = *level.get_or_insert(indent);
        if indent != level {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let key = super::helm::unquote(key.trim());
        let value = value.trim();
        if !key.ends_with(".py") || !value.starts_with('|') {
            continue;
        }
        // The block: the lines after the key more indented than it (blank and control lines
        // included), a bounded number.
        let first = at;
        while at < document.len() && at - first < MAX_BLOCK_LINES {
            let next = document[at].trim();
            if !next.is_empty() && !is_control(next) && indent_of(document[at]) <= indent {
                break;
            }
            at += 1;
        }
        let key_line = start + first; // 1-based line of the key
        found.push(ConfigFile {
            name: name.clone(),
            key: key.to_string(),
            origin: Origin::new(path, key_line),
            text: python_text(key_line, &document[first..at]),
        });
    }
    found
}

/// The Python text of a block held under the key on line `key_line` (1-based) of its manifest:
/// empty lines before the key, `if True:` on the key's line and the block's lines as they are
/// written under it, so that lines and columns are the manifest's; template expressions replaced
/// (see the module's documentation).
pub fn python_text(key_line: usize, block: &[&str]) -> String {
    let Some(indent) = block
        .iter()
        .find(|l| !l.trim().is_empty() && !is_control(l.trim()))
        .map(|l| indent_of(l))
    else {
        return "\n".repeat(key_line + block.len());
    };
    let mut text = "\n".repeat(key_line.saturating_sub(1));
    // A block written at the margin (a parsed value) needs no enclosing statement.
    text.push_str(if indent > 0 { "if True:\n" } else { "\n" });
    let margin = " ".repeat(indent);
    // For each open `{{ if }}`/`{{ range }}`/`{{ with }}`: the top-level names assigned inside.
    let mut regions: Vec<Vec<String>> = Vec::new();
    for line in block {
        let trimmed = line.trim();
        if is_control(trimmed) {
            let word = trimmed
                .trim_start_matches("{{")
                .trim_start_matches('-')
                .split_whitespace()
                .next()
                .unwrap_or_default();
            match word {
                "if" | "range" | "with" => regions.push(Vec::new()),
                "end" => {
                    let names = regions.pop().unwrap_or_default();
                    if !names.is_empty() {
                        let resets: Vec<String> = names
                            .iter()
                            .map(|n| format!("{n} = {TEMPLATE_NAME}"))
                            .collect();
                        text.push_str(&margin);
                        text.push_str(&resets.join("; "));
                    }
                }
                _ => {}
            }
            text.push('\n');
            continue;
        }
        let own = match line.get(indent..) {
            Some(rest) if indent_of(line) >= indent => rest,
            _ => trimmed,
        };
        if let Some(region) = regions.last_mut()
            && let Some(name) = assigned_name(own)
            && !region.contains(&name)
        {
            region.push(name);
        }
        if !trimmed.is_empty() {
            text.push_str(&margin);
            text.push_str(&without_templates(own.trim_end()));
        }
        text.push('\n');
    }
    text
}

/// `NAME = ...` (or `NAME: type = ...`) at the top level of a module.
fn assigned_name(line: &str) -> Option<String> {
    let name: String = line
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let rest = line[name.len()..].trim_start();
    let assigns = (rest.starts_with('=') && !rest.starts_with("=="))
        || (rest.starts_with(':') && rest.contains('='));
    (!name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) && assigns).then_some(name)
}

/// A line with its template expressions replaced by [`TEMPLATE_NAME`]: inline control (`{{ if
/// }}`...`{{ end }}`) from the first expression to the last, a string holding an expression as a
/// whole, any other expression itself.
fn without_templates(line: &str) -> String {
    if !line.contains("{{") {
        return line.to_string();
    }
    let control = ["if", "else", "end", "range", "with"].iter().any(|word| {
        line.match_indices("{{").any(|(at, _)| {
            line[at + 2..]
                .trim_start_matches('-')
                .trim_start()
                .split(|c: char| !c.is_ascii_alphabetic())
                .next()
                == Some(*word)
        })
    });
    if control
        && let (Some(first), Some(last)) = (line.find("{{"), line.rfind("}}"))
        && first < last
    {
        return format!("{}{TEMPLATE_NAME}{}", &line[..first], &line[last + 2..]);
    }
    let strings = string_spans(line);
    let mut result = String::new();
    let mut at = 0;
    // Each round moves past one expression or string: bounded by the line's length.
    while let Some(offset) = line[at..].find("{{") {
        let start = at + offset;
        let Some(close) = line[start..].find("}}") else {
            break;
        };
        let end = start + close + 2;
        let (from, to) = strings
            .iter()
            .find(|(s, e)| *s <= start && end <= *e)
            .map_or((start, end), |&(s, e)| (s, e));
        result.push_str(&line[at..from.max(at)]);
        result.push_str(TEMPLATE_NAME);
        at = to.max(end);
    }
    result.push_str(&line[at..]);
    result
}

/// The byte ranges of the string literals on one line (quotes and any `f`/`r`/`b` prefix
/// included).
fn string_spans(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let quote = bytes[at];
        if quote == b'#' {
            break;
        }
        if quote != b'\'' && quote != b'"' {
            at += 1;
            continue;
        }
        let mut start = at;
        while start > 0 && matches!(bytes[start - 1], b'f' | b'r' | b'b' | b'u' | b'F' | b'R') {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && bytes[end] != quote {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        let end = (end + 1).min(bytes.len());
        spans.push((start, end));
        at = end;
    }
    spans
}

/// A Helm template's block (`volumeMounts:`, `volumes:` and what is under it) as YAML: control
/// lines and comments dropped, values holding an expression quoted so they parse, the
/// expressions kept as written.
pub fn detemplated(lines: &[(usize, usize, &str)]) -> Option<Node> {
    let mut text = String::new();
    for &(_, indent, trimmed) in lines {
        if trimmed.is_empty() || trimmed.starts_with('#') || is_control(trimmed) {
            continue;
        }
        let (dash, rest) = match trimmed.strip_prefix("- ") {
            Some(rest) => ("- ", rest),
            None => ("", trimmed),
        };
        let rest = match rest.split_once(": ") {
            _ if !rest.contains("{{") => rest.to_string(),
            Some((key, value)) if !key.contains("{{") => {
                format!("{key}: {}", quoted(value.trim()))
            }
            None if dash == "- " => quoted(rest),
            _ => continue,
        };
        text.push_str(&format!("{}{dash}{rest}\n", " ".repeat(indent)));
    }
    yaml::parse_one(&text).ok()
}

fn quoted(value: &str) -> String {
    if value.starts_with('"') || value.starts_with('\'') {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "''"))
    }
}

/// Where each mounted file lands in the repository: the image puts the repository at the
/// destination of a Dockerfile's `COPY . /app`, so `/app/proj/local_settings.py` is
/// `proj/local_settings.py` of the build context whose folder `proj` exists, where the
/// repository has no such file (a file the repository holds is not replaced here).
pub fn place(found: &mut [Deployment], files: &[DeployFile]) {
    if found.iter().all(|d| d.mounts.is_empty()) {
        return;
    }
    let mut roots: Vec<(String, PathBuf)> = Vec::new();
    for file in files.iter().filter(|f| f.kind == SourceKind::Dockerfile) {
        let parsed = dockerfile::parse(&file.text, &BTreeMap::new());
        roots.extend(copies::repository_roots(
            &parsed,
            &copies::build_contexts(&file.path),
        ));
    }
    for deployment in found.iter_mut() {
        for mount in &mut deployment.mounts {
            mount.repository_path = copies::repository_paths(&mount.mount_path, &roots)
                .into_iter()
                .map(|(path, _)| path)
                .find(|path| path.parent().is_some_and(Path::is_dir) && !path.exists());
        }
    }
}

#[cfg(test)]
#[path = "mounts_tests.rs"]
mod tests;
