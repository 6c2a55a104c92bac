//! Which values files each Helm chart of the repository is deployed with: the chart's own
//! `values*.yaml`, and the files a CI step layers over them (`helm upgrade -i NAME ./chart -f
//! build/ci/preprod-values.yaml`), in the step itself or in a script the step runs with the file
//! as an argument (`./deploy.sh build/ci/sandbox-values.yaml` running `helm ... -f $1`). A script
//! taking its values file as an argument deploys any file shaped like the one it is given: the
//! values files next to it named the same way (`preprod-values.yaml` beside
//! `sandbox-values.yaml`) that set the chart's own keys are deployments of the chart too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::helm::{self, ValuesFile};
use super::image_run::Images;
use super::model::{DeployFile, Deployment, ReadFile, SourceKind};
use super::tree::Node;
use super::{chart_root, normalize, shell, yaml};

/// Files with their texts.
type Files = Vec<(PathBuf, String)>;

/// How many files of a folder are looked at for values files shaped like a CI one.
const MAX_SIBLINGS: usize = 200;

/// Each Helm chart's values files applied to its templates.
pub fn helm_charts(files: &[DeployFile], read: ReadFile, images: Images) -> Vec<Deployment> {
    let mut charts: BTreeMap<PathBuf, (Vec<ValuesFile>, Files)> = BTreeMap::new();
    for file in files.iter().filter(|f| f.kind == SourceKind::Helm) {
        let Some(root) = chart_root(&file.path) else {
            continue;
        };
        let name = file
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let (values, templates) = charts.entry(root.to_path_buf()).or_default();
        if helm::is_values_file(name) && file.path.parent() == Some(root) {
            values.push(ValuesFile {
                path: file.path.clone(),
                environment: helm::overlay_name(name),
                text: file.text.clone(),
            });
        } else {
            templates.push((file.path.clone(), file.text.clone()));
        }
    }
    if !charts.is_empty() {
        let text_of = |path: &Path| {
            files
                .iter()
                .find(|f| normalize(&f.path) == *path)
                .map(|f| f.text.clone())
                .or_else(|| read(path))
        };
        for (chart, values_path) in ci_values_files(files, &text_of) {
            let Some((values, _)) = charts.get_mut(&chart) else {
                continue;
            };
            let chart_keys = values
                .iter()
                .find(|v| v.environment.is_none())
                .and_then(|v| yaml::parse_one_lenient(&v.text).ok())
                .map(|root| top_keys(&root))
                .unwrap_or_default();
            let mut chosen = vec![values_path.clone()];
            chosen.extend(siblings(&values_path).into_iter().filter(|sibling| {
                text_of(sibling)
                    .and_then(|text| yaml::parse_one_lenient(&text).ok())
                    .is_some_and(|root| sets_chart_keys(&top_keys(&root), &chart_keys))
            }));
            for path in chosen {
                if values.iter().any(|v| normalize(&v.path) == path) {
                    continue;
                }
                let Some(text) = text_of(&path) else { continue };
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                values.push(ValuesFile {
                    environment: Some(environment_of(&name)),
                    path,
                    text,
                });
            }
        }
    }
    charts
        .into_values()
        .flat_map(|(values, templates)| helm::deployments(&values, &templates, images))
        .collect()
}

/// The environment a values file's name gives: `preprod-values.yaml` → `preprod`,
/// `values.staging.yaml` → `staging`; a name without `values` is its stem.
pub fn environment_of(file_name: &str) -> String {
    let stem = file_name
        .strip_suffix(".yaml")
        .or_else(|| file_name.strip_suffix(".yml"))
        .unwrap_or(file_name);
    let rest: Vec<&str> = stem
        .split(['-', '_', '.'])
        .filter(|part| !part.is_empty() && !part.eq_ignore_ascii_case("values"))
        .collect();
    if rest.is_empty() {
        stem.to_string()
    } else {
        rest.join("-")
    }
}

/// `(chart root, values file)` for each `helm install|upgrade|template` of a local chart with
/// `-f`/`--values` that a CI workflow runs, directly or in a script it calls.
pub fn ci_values_files(
    files: &[DeployFile],
    text_of: &dyn Fn(&Path) -> Option<String>,
) -> Vec<(PathBuf, PathBuf)> {
    let mut found = Vec::new();
    for file in files.iter().filter(|f| f.kind == SourceKind::CiWorkflow) {
        let github = file.path.components().any(|c| c.as_os_str() == ".github");
        // CI runs from the repository's top: `.github/workflows/x.yml` is three levels down.
        let Some(top) = file.path.ancestors().nth(if github { 3 } else { 1 }) else {
            continue;
        };
        let Ok(root) = yaml::parse_one_lenient(&file.text) else {
            continue;
        };
        for script in step_scripts(&root, github) {
            for command in shell::commands(&script) {
                let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
                found.extend(helm_values(&words, &[], top));
                // `./build/ci/deploy.sh values.yaml`, `bash deploy.sh values.yaml`.
                let call = match words.as_slice() {
                    ["bash" | "sh", script, args @ ..] => Some((*script, args)),
                    [script, args @ ..] if is_script(script) => Some((*script, args)),
                    _ => None,
                };
                let Some((script, args)) = call else { continue };
                let Some(text) = text_of(&normalize(&top.join(script))) else {
                    continue;
                };
                for inner in shell::commands(&text) {
                    let words: Vec<&str> = inner.words.iter().map(|w| w.text.as_str()).collect();
                    found.extend(helm_values(&words, args, top));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn is_script(word: &str) -> bool {
    (word.ends_with(".sh") || word.ends_with(".bash")) && !word.contains('$')
}

/// The shell texts of a workflow's steps: GitHub `run:`, GitLab `script`/`before_script`.
fn step_scripts(root: &Node, github: bool) -> Vec<String> {
    let mut found = Vec::new();
    if github {
        for job in root.get("jobs").map(Node::entries).unwrap_or_default() {
            for step in job.value.get("steps").map(Node::items).unwrap_or_default() {
                found.extend(step.get("run").and_then(Node::text).map(str::to_string));
            }
        }
    } else {
        for job in root.entries() {
            for key in ["before_script", "script"] {
                let Some(node) = job.value.get(key) else {
                    continue;
                };
                found.extend(node.text().map(str::to_string));
                found.extend(
                    node.items()
                        .iter()
                        .filter_map(|l| l.text().map(str::to_string)),
                );
            }
        }
    }
    found
}

/// The `(chart, values file)` pairs of one `helm install|upgrade|template` command: the chart is
/// the word naming a local chart folder (one with `Chart.yaml`), `$1`... are the script's
/// arguments.
fn helm_values(words: &[&str], args: &[&str], top: &Path) -> Vec<(PathBuf, PathBuf)> {
    let ["helm", subcommand, rest @ ..] = words else {
        return Vec::new();
    };
    if !matches!(*subcommand, "install" | "upgrade" | "template") {
        return Vec::new();
    }
    let argument = |word: &str| -> Option<String> {
        let number = word
            .strip_prefix("${")
            .and_then(|w| w.strip_suffix('}'))
            .or_else(|| word.strip_prefix('$'))
            .and_then(|n| n.parse::<usize>().ok());
        match number {
            Some(n) if n >= 1 => args.get(n - 1).map(|a| a.to_string()),
            _ => Some(word.to_string()),
        }
        .filter(|w| !w.contains('$'))
    };
    let mut values = Vec::new();
    let mut chart = None;
    let mut at = 0;
    while at < rest.len() {
        let word = rest[at];
        at += 1;
        let file = match word {
            "-f" | "--values" => {
                at += 1;
                rest.get(at - 1).copied()
            }
            _ => word
                .strip_prefix("--values=")
                .or_else(|| word.strip_prefix("-f=")),
        };
        if let Some(file) = file {
            values.extend(argument(file).map(|f| normalize(&top.join(f))));
        } else if !word.starts_with('-')
            && chart.is_none()
            && let Some(word) = argument(word)
        {
            let folder = normalize(&top.join(word.trim_end_matches('/')));
            if folder.join("Chart.yaml").is_file() {
                chart = Some(folder);
            }
        }
    }
    let Some(chart) = chart else {
        return Vec::new();
    };
    values.into_iter().map(|v| (chart.clone(), v)).collect()
}

/// The files next to a values file that are named the same way: the same text once each name's
/// environment word is taken out (`sandbox-values.yaml` and `preprod-values.yaml`).
fn siblings(path: &Path) -> Vec<PathBuf> {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return Vec::new();
    };
    let name = name.to_string_lossy();
    let shape = |name: &str| {
        let environment = environment_of(name);
        (environment != name && !environment.is_empty()).then(|| name.replacen(&environment, "", 1))
    };
    let Some(wanted) = shape(&name) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .take(MAX_SIBLINGS)
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && *p != path)
        .filter(|p| {
            p.file_name()
                .and_then(|n| shape(&n.to_string_lossy()))
                .is_some_and(|s| s == wanted)
        })
        .map(|p| normalize(&p))
        .collect();
    found.sort();
    found
}

fn top_keys(root: &Node) -> Vec<String> {
    root.entries().iter().map(|e| e.key.clone()).collect()
}

/// Whether a values file sets the chart's own keys: at least half of its top-level keys are keys
/// of the chart's `values.yaml` (a values file of another chart, or another tool's YAML, is not).
fn sets_chart_keys(keys: &[String], chart_keys: &[String]) -> bool {
    let shared = keys.iter().filter(|k| chart_keys.contains(k)).count();
    !keys.is_empty() && shared * 2 >= keys.len()
}

#[cfg(test)]
#[path = "helm_ci_tests.rs"]
mod tests;
