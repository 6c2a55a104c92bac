//! Which values files each Helm chart of the repository is deployed with: the chart's own
//! `values*.yaml`, and the files a CI step layers over them (`helm upgrade -i NAME ./chart -f
//! build/ci/preprod-values.yaml`), in the step itself or in a script the step runs with the file
//! as an argument (`./deploy.sh build/ci/sandbox-values.yaml` running `helm ... -f $1`). A script
//! taking its values file as an argument deploys any file shaped like the one it is given: the
//! values files next to it named the same way (`preprod-values.yaml` beside
//! `sandbox-values.yaml`) that set the chart's own keys are deployments of the chart too.

use std::collections::{BTreeMap, BTreeSet};
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
                outside: None,
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
        let (chosen_in_ci, called) = ci_calls(files, &text_of);
        for (chart, script, values) in outside_values(files, &called, &charts, &text_of) {
            if let Some((chart_values, _)) = charts.get_mut(&chart) {
                chart_values.push(ValuesFile {
                    path: script,
                    environment: Some(values.0),
                    text: "{}".into(),
                    outside: Some(values.1),
                });
            }
        }
        for (chart, values_path) in chosen_in_ci {
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
                    outside: None,
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
#[cfg(test)]
pub fn ci_values_files(
    files: &[DeployFile],
    text_of: &dyn Fn(&Path) -> Option<String>,
) -> Vec<(PathBuf, PathBuf)> {
    ci_calls(files, text_of).0
}

/// The `(chart root, values file)` pairs CI workflows deploy, and the
/// scripts they run.
fn ci_calls(
    files: &[DeployFile],
    text_of: &dyn Fn(&Path) -> Option<String>,
) -> (Vec<(PathBuf, PathBuf)>, BTreeSet<PathBuf>) {
    let mut found = Vec::new();
    let mut called = BTreeSet::new();
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
                let script = normalize(&top.join(script));
                let Some(text) = text_of(&script) else {
                    continue;
                };
                called.insert(script);
                for inner in shell::commands(&text) {
                    let words: Vec<&str> = inner.words.iter().map(|w| w.text.as_str()).collect();
                    found.extend(helm_values(&words, args, top));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    (found, called)
}

/// Options of `helm install|upgrade` that take no value.
const HELM_SWITCHES: &[&str] = &[
    "-i",
    "--install",
    "--debug",
    "--wait",
    "--wait-for-jobs",
    "--atomic",
    "--dry-run",
    "--force",
    "--reuse-values",
    "--reset-values",
    "--reset-then-reuse-values",
    "--create-namespace",
    "--cleanup-on-fail",
    "--devel",
    "--dependency-update",
    "--skip-crds",
];

/// Deploy scripts no CI workflow runs (the repository's shell scripts, and those next to the
/// scripts CI runs, which the walk may skip as build folders) that `helm install|upgrade` a chart
/// of the repository (its folder, or `repo/name` for the chart as published, by its `Chart.yaml`
/// name) with a values file given when the script runs (`-f $1`):
/// `(chart, script, (environment, why values are unknown))`. The environment is the release's
/// name (`helm upgrade -i production ...`).
fn outside_values(
    files: &[DeployFile],
    called: &BTreeSet<PathBuf>,
    charts: &BTreeMap<PathBuf, (Vec<ValuesFile>, Files)>,
    text_of: &dyn Fn(&Path) -> Option<String>,
) -> Vec<(PathBuf, PathBuf, (String, String))> {
    let names: Vec<(&PathBuf, String)> = charts
        .keys()
        .filter_map(|root| {
            let text = std::fs::read_to_string(root.join("Chart.yaml")).ok()?;
            let name = yaml::parse_one_lenient(&text)
                .ok()?
                .get("name")?
                .text()?
                .to_string();
            Some((root, name))
        })
        .collect();
    let mut scripts: BTreeMap<PathBuf, String> = files
        .iter()
        .filter(|f| f.kind == SourceKind::Shell)
        .map(|f| (normalize(&f.path), f.text.clone()))
        .collect();
    for script in called {
        for sibling in siblings_named(script, |name| name.ends_with(".sh")) {
            if !scripts.contains_key(&sibling)
                && let Some(text) = text_of(&sibling)
            {
                scripts.insert(sibling, text);
            }
        }
    }
    let mut found = Vec::new();
    for (path, text) in &scripts {
        if called.contains(path) || !text.contains("helm") {
            continue;
        }
        let file = DeployFile {
            path: path.clone(),
            kind: SourceKind::Shell,
            text: String::new(),
        };
        for command in shell::commands(text) {
            let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
            let ["helm", "install" | "upgrade", rest @ ..] = words.as_slice() else {
                continue;
            };
            let (mut positional, mut values) = (Vec::new(), Vec::new());
            let mut at = 0;
            while at < rest.len() {
                let word = rest[at];
                at += 1;
                if matches!(word, "-f" | "--values") {
                    values.extend(rest.get(at).copied());
                    at += 1;
                } else if let Some(value) = word.strip_prefix("--values=") {
                    values.push(value);
                } else if word.starts_with('-') {
                    at += usize::from(!word.contains('=') && !HELM_SWITCHES.contains(&word));
                } else {
                    positional.push(word);
                }
            }
            let (Some(release), Some(chart_word)) = (positional.first(), positional.get(1)) else {
                continue;
            };
            let Some(argument) = values.iter().find(|v| v.contains('$')) else {
                continue;
            };
            let chart =
                names.iter().find(|(root, name)| {
                    let published = chart_word.split_once('/').is_some_and(|(repo, chart)| {
                        !repo.starts_with('.') && !repo.is_empty() && chart == name
                    });
                    published
                        || file.path.ancestors().skip(1).take(4).any(|dir| {
                            normalize(&dir.join(chart_word.trim_end_matches('/'))) == **root
                        })
                });
            let Some((root, _)) = chart else { continue };
            let environment = if release.contains('$') {
                let name = file.path.file_stem().unwrap_or_default().to_string_lossy();
                environment_of(&name)
            } else {
                release.to_string()
            };
            let line = command.line;
            let script = file.path.file_name().unwrap_or_default().to_string_lossy();
            let reason = format!(
                "from the values file `{argument}` that the deploy script {script} (line {line}) is given when it runs, outside the repository"
            );
            found.push((root.to_path_buf(), file.path.clone(), (environment, reason)));
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
    let Some(name) = path.file_name() else {
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
    siblings_named(path, |name| shape(name).is_some_and(|s| s == wanted))
}

/// The files next to `path` (not itself) whose names `wanted` accepts, a bounded number looked
/// at, sorted.
fn siblings_named(path: &Path, wanted: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let Some(folder) = path.parent() else {
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
        .filter(|p| p.file_name().is_some_and(|n| wanted(&n.to_string_lossy())))
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
