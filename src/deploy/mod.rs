//! Deployments: the ways a repository runs Django, read statically from the files that say so
//! (Dockerfiles, compose files, platform manifests, process managers, entry points, test
//! configuration). One file per source kind, each turning a file's text into [`Deployment`]s;
//! [`collect`] links them across files (a compose service building a Dockerfile stage, a
//! Dockerfile's entrypoint script) into the list the rest of djsafe works from.
//!
//! Everything here is pure: text in, records out. Which settings module a deployment ends up
//! running, and with what profile, is decided later (`crate::lint`), where the import roots are
//! known.

pub mod appengine;
pub mod beanstalk;
pub mod ci;
pub mod circleci;
pub mod clevercloud;
pub mod command;
pub mod compose;
mod compose_override;
mod compose_text;
pub mod copies;
pub mod digitalocean;
pub mod docker_words;
pub mod dockerfile;
pub mod dockerignore;
pub mod dotenv;
pub mod entrypoint;
mod entrypoint_selector;
pub mod fly;
pub mod gunicorn;
pub mod helm;
mod helm_ci;
mod helm_config;
pub mod heroku;
mod image_run;
pub mod ini;
mod interpolate;
mod kinds;
pub mod kubernetes;
mod link;
mod model;
pub mod mounts;
pub mod platforms;
pub mod platformsh;
pub mod procfile;
mod published;
mod python;
pub mod railway;
pub mod references;
pub mod render;
pub mod script;
pub mod sed;
mod servers;
pub mod shell;
pub mod supervisor;
pub mod systemd;
pub mod testconfig;
pub mod tree;
pub mod uwsgi;
pub mod yaml;

pub use kinds::{Candidate, chart_root, source_kind};
pub use model::*;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

pub use compose_text::compose_env;
pub use references::{configuration_references, settings_module_references};

/// Every deployment the files describe, linked across files, sorted and without duplicates.
pub fn collect(files: &[DeployFile], read: ReadFile) -> Vec<Deployment> {
    collect_analyzed(files, read, HashMap::new())
}

/// [`collect`], with the deployments of entry points already read ([`entrypoint::analyze`],
/// by path): discovery reads them for their `sys.path` folders first.
pub fn collect_analyzed(
    files: &[DeployFile],
    read: ReadFile,
    mut entry_points: HashMap<&Path, Vec<Deployment>>,
) -> Vec<Deployment> {
    let linker = link::Linker::new(files, read);
    let compose_files: HashSet<&Path> = files
        .iter()
        .filter(|f| f.kind == SourceKind::Compose)
        .map(|f| f.path.as_path())
        .collect();
    let mut found: Vec<Deployment> = Vec::new();
    let of_kind = |kind: SourceKind| files.iter().filter(move |f| f.kind == kind);
    // Kubernetes ConfigMaps and Secrets resolve across the manifests of a folder.
    let mut manifests = Vec::new();
    let mut index = kubernetes::ConfigIndex::default();
    for file in of_kind(SourceKind::Kubernetes) {
        match kubernetes::documents(&file.text) {
            Ok(documents) => {
                index.add(&file.path, &documents);
                index.add_files(&file.path, &file.text);
                manifests.push((file, documents));
            }
            Err(reason) => found.extend(textual_fallback(file, &reason)),
        }
    }
    for (file, documents) in &manifests {
        found.extend(kubernetes::deployments(
            &file.path,
            documents,
            &index,
            &|image| linker.image_run(image),
        ));
    }
    found.extend(helm_ci::helm_charts(files, read, &|image| {
        linker.image_run(image)
    }));
    // app.json's config vars apply to the Procfile processes next to it.
    let mut app_json: Vec<(&DeployFile, BTreeMap<String, EnvVar>)> = Vec::new();
    for file in of_kind(SourceKind::AppJson) {
        match heroku::app_json_env(&file.path, &file.text) {
            Ok(env) => app_json.push((file, env)),
            Err(reason) => found.extend(textual_fallback(file, &reason)),
        }
    }
    let mut beanstalk = beanstalk_apps(files, &mut found);
    for file in files {
        let parsed: Result<Vec<Deployment>, String> = match file.kind {
            SourceKind::Dockerfile => Ok(linker.dockerfile(&file.path, &file.text)),
            // An override completes the default file next to it (compose_override).
            SourceKind::Compose
                if compose_override::base_candidates(&file.path)
                    .iter()
                    .any(|base| compose_files.contains(base.as_path())) =>
            {
                continue;
            }
            SourceKind::Compose => {
                compose::services(&file.path, &file.text, read).map(|mut services| {
                    let over = compose_override::override_candidates(&file.path)
                        .into_iter()
                        .find(|o| compose_files.contains(o.as_path()));
                    if let Some(over) = over
                        && let Some(text) = files.iter().find(|f| f.path == over).map(|f| &f.text)
                        && let Ok(overrides) = compose::services(&over, text, read)
                    {
                        compose_override::merge(&mut services, overrides);
                    }
                    services
                        .iter()
                        .map(|s| linker.service(&file.path, s))
                        .collect()
                })
            }
            SourceKind::Procfile => {
                let mut processes = procfile::deployments(&file.path, &file.text);
                apply_app_json(&app_json, &file.path, &mut processes);
                apply_beanstalk(&beanstalk, &file.path, &mut processes);
                if beside_railway(files, &file.path) {
                    for process in &mut processes {
                        platforms::add_platform_env(process, "Railway", platforms::RAILWAY);
                    }
                }
                Ok(processes)
            }
            SourceKind::HerokuYml => {
                heroku::heroku_yml(&file.path, &file.text, &linker).map(|mut processes| {
                    apply_app_json(&app_json, &file.path, &mut processes);
                    processes
                })
            }
            SourceKind::FlyToml => fly::deployments(&file.path, &file.text, &linker),
            SourceKind::RenderYaml => render::deployments(&file.path, &file.text, &linker),
            // Without `startCommand`, Railway runs the Procfile beside its config.
            SourceKind::Railway => railway::deployments(&file.path, &file.text, &linker).map(|d| {
                let procfile = file.path.with_file_name("Procfile");
                let has_procfile = files.iter().any(|f| f.path == procfile);
                d.into_iter()
                    .filter(|d| !(has_procfile && d.role == Role::Runs && d.command.is_none()))
                    .collect()
            }),
            SourceKind::CleverCloud => clevercloud::deployments(&file.path, &file.text),
            SourceKind::PlatformSh => platformsh::deployments(&file.path, &file.text),
            SourceKind::AppEngine => appengine::deployments(&file.path, &file.text),
            SourceKind::DigitalOcean => digitalocean::deployments(&file.path, &file.text, &linker),
            SourceKind::Systemd => Ok(systemd::deployments(&file.path, &file.text)),
            SourceKind::Uwsgi => Ok(uwsgi::deployments(&file.path, &file.text)),
            SourceKind::Supervisor => Ok(supervisor::deployments(&file.path, &file.text)),
            SourceKind::GunicornConfig => Ok(gunicorn::deployment(&file.path, &file.text)
                .into_iter()
                .collect()),
            SourceKind::EntryPoint => Ok(entry_points
                .remove(file.path.as_path())
                .unwrap_or_else(|| entrypoint::deployments(&file.path, &file.text))),
            SourceKind::TestConfig => Ok(testconfig::deployments(&file.path, &file.text)),
            SourceKind::CiWorkflow => {
                let name = file
                    .path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                if circleci::is_config(&file.path) {
                    circleci::jobs(&file.path, &file.text)
                } else if name.starts_with(".gitlab-ci") {
                    ci::gitlab(&file.path, &file.text)
                } else {
                    ci::github(&file.path, &file.text)
                }
            }
            // Read after the others, once the scripts they run are known.
            SourceKind::Shell
            | SourceKind::Kubernetes
            | SourceKind::Helm
            | SourceKind::AppJson
            | SourceKind::ElasticBeanstalk => {
                continue;
            }
        };
        match parsed {
            Ok(deployments) => found.extend(deployments),
            Err(reason) => found.extend(textual_fallback(file, &reason)),
        }
    }
    for app in std::mem::take(&mut beanstalk) {
        let has_procfile = files.iter().any(|f| {
            f.kind == SourceKind::Procfile
                && f.path.file_name().is_some_and(|n| n == "Procfile")
                && f.path.parent() == Some(app.root.as_path())
        });
        found.extend(app.deployments(has_procfile));
    }
    for (json, env) in app_json {
        let has_processes = files.iter().any(|f| {
            matches!(f.kind, SourceKind::Procfile | SourceKind::HerokuYml)
                && f.path.parent() == json.path.parent()
        });
        if !has_processes {
            found.push(heroku::app_json_deployment(&json.path, env));
        }
    }
    for deployment in &mut found {
        let (platform, vars) = match deployment.kind {
            SourceKind::RenderYaml => ("Render", platforms::RENDER),
            SourceKind::PlatformSh => ("Platform.sh", platforms::PLATFORM_SH),
            SourceKind::FlyToml => ("Fly.io", platforms::FLY),
            SourceKind::HerokuYml => ("Heroku", platforms::HEROKU),
            SourceKind::Railway => ("Railway", platforms::RAILWAY),
            _ => continue,
        };
        platforms::add_platform_env(deployment, platform, vars);
    }
    // A Dockerfile with no command that another file builds is the image that file runs, which
    // that file's deployment already describes.
    let built = linker.built.borrow();
    found.retain(|d| {
        !(d.kind == SourceKind::Dockerfile
            && d.role == Role::Runs
            && d.command.is_none()
            && built.contains(&normalize(&d.origin.file)))
    });
    let followed = linker.followed.borrow();
    for file in of_kind(SourceKind::Shell) {
        if !followed.contains(&normalize(&file.path)) {
            found.extend(script::deployment(&file.path, &file.text));
        }
    }
    // The programs of a supervisor configuration an image's script starts run in its container:
    // under the image's environment (a program's own `environment=` wins) and without the files
    // its build leaves out.
    let supervised_in = linker.supervised_in.borrow();
    for deployment in &mut found {
        if deployment.kind == SourceKind::Supervisor
            && let Some(image) = supervised_in.get(&normalize(&deployment.origin.file))
        {
            for (name, var) in &image.env {
                deployment.set_default(name, var);
            }
            deployment.left_out.clone_from(&image.left_out);
        }
    }
    let mut found = link_server_configs(found);
    mounts::place(&mut found, files);
    found.sort();
    found.dedup();
    found
}

/// app.json's config vars apply to the Heroku processes (Procfile, heroku.yml) next to it, under
/// what the processes set themselves; and app.json says they run on Heroku.
fn apply_app_json(
    app_json: &[(&DeployFile, BTreeMap<String, EnvVar>)],
    file: &Path,
    processes: &mut [Deployment],
) {
    for (json, env) in app_json {
        if json.path.parent() == file.parent() {
            for process in processes.iter_mut() {
                for (name, var) in env {
                    process.set_default(name, var);
                }
                platforms::add_platform_env(process, "Heroku", platforms::HEROKU);
            }
        }
    }
}

/// The Elastic Beanstalk applications: the `.ebextensions/*.config` files of each folder, read
/// in the order of their names (a file that does not parse is read as text, on its own).
fn beanstalk_apps(files: &[DeployFile], found: &mut Vec<Deployment>) -> Vec<beanstalk::App> {
    let mut configs: Vec<&DeployFile> = files
        .iter()
        .filter(|f| f.kind == SourceKind::ElasticBeanstalk)
        .collect();
    configs.sort_by(|a, b| a.path.cmp(&b.path));
    let mut apps: Vec<beanstalk::App> = Vec::new();
    for file in configs {
        let root = beanstalk::app_root(&file.path);
        if apps.last().is_none_or(|app| app.root != root) {
            apps.push(beanstalk::App::new(root));
        }
        let app = apps.last_mut().expect("pushed above");
        if let Err(reason) = app.read(&file.path, &file.text) {
            found.extend(textual_fallback(file, &reason));
        }
    }
    apps
}

/// Whether Railway's config sits beside a `Procfile`: Railway runs its processes (when the config
/// has no `startCommand`, or for the other process types).
fn beside_railway(files: &[DeployFile], procfile: &Path) -> bool {
    procfile.file_name().is_some_and(|n| n == "Procfile")
        && files
            .iter()
            .any(|f| f.kind == SourceKind::Railway && f.path.parent() == procfile.parent())
}

/// Elastic Beanstalk's environment properties apply to the processes of the `Procfile` in the
/// application folder, which the platform runs instead of `WSGIPath`, under what they set.
fn apply_beanstalk(apps: &[beanstalk::App], file: &Path, processes: &mut [Deployment]) {
    let is_procfile = file.file_name().is_some_and(|n| n == "Procfile");
    for app in apps
        .iter()
        .filter(|a| is_procfile && file.parent() == Some(a.root.as_path()))
    {
        for process in processes.iter_mut() {
            for (name, var) in &app.env {
                process.set_default(name, var);
            }
        }
    }
}

/// Whether discovery found a compose file at `path`.
/// A file that does not parse still says what it clearly says: the settings module and class it
/// names (compose files: every `environment:` entry), with a note saying why it was read as text.
fn textual_fallback(file: &DeployFile, reason: &str) -> Option<Deployment> {
    let origin = Origin::new(&file.path, 1);
    let mut deployment = Deployment::new(file.kind, origin.clone(), None, Role::Runs);
    if file.kind == SourceKind::Compose {
        for assignment in compose_env(&file.text) {
            deployment.set(
                &assignment.key,
                EnvValue::Literal(assignment.value),
                Origin::new(&file.path, assignment.line),
            );
        }
    }
    for (variable, references) in [
        (SETTINGS_MODULE, settings_module_references(&file.text)),
        (CONFIGURATION, configuration_references(&file.text)),
    ] {
        if let Some(reference) = references.into_iter().next() {
            deployment.set(
                variable,
                EnvValue::Literal(reference.module),
                Origin::new(&file.path, reference.line),
            );
        }
    }
    if deployment.env.is_empty() {
        return None;
    }
    deployment.note(origin, format!("{reason}; read as text"));
    Some(deployment)
}

/// `gunicorn -c gunicorn.conf.py` and `uwsgi --ini uwsgi.ini`: the config file's environment
/// (under the command's own) and application join the deployment that names it, and the config
/// is no longer listed on its own.
fn link_server_configs(mut found: Vec<Deployment>) -> Vec<Deployment> {
    let configs: Vec<Deployment> = found
        .iter()
        .filter(|d| matches!(d.kind, SourceKind::GunicornConfig | SourceKind::Uwsgi))
        .cloned()
        .collect();
    let mut used: Vec<Origin> = Vec::new();
    for deployment in found
        .iter_mut()
        .filter(|d| !matches!(d.kind, SourceKind::GunicornConfig | SourceKind::Uwsgi))
    {
        let Some(command) = &deployment.command else {
            continue;
        };
        if !matches!(command.process, Process::Server(_)) {
            continue;
        }
        let Some(config_file) = command::analyze_shell(&command.text).config_file else {
            continue;
        };
        let base = config_file
            .rsplit('/')
            .next()
            .unwrap_or(&config_file)
            .to_string();
        let Some(config) = configs
            .iter()
            .filter(|c| {
                c.origin
                    .file
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy() == base)
            })
            // The config nearest the deployment's own file.
            .max_by_key(|c| common_prefix(&c.origin.file, &deployment.origin.file))
        else {
            continue;
        };
        for (name, var) in &config.env {
            deployment.set_default(name, var);
        }
        if let (Some(command), Some(config_command)) = (&mut deployment.command, &config.command)
            && command.app_module.is_none()
        {
            command.app_module.clone_from(&config_command.app_module);
        }
        used.push(config.origin.clone());
    }
    found.retain(|d| {
        !(matches!(d.kind, SourceKind::GunicornConfig | SourceKind::Uwsgi)
            && used.contains(&d.origin))
    });
    found
}

fn common_prefix(a: &Path, b: &Path) -> usize {
    a.components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .count()
}

/// One environment variable assignment found in a deployment file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvAssignment {
    pub key: String,
    pub value: String,
    /// 1-based line of the instruction / entry that sets it.
    pub line: usize,
}

/// `path` with `.` and `..` components resolved lexically (compose contexts, env files).
pub fn normalize(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut result = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !result.pop() {
                    result.push("..");
                }
            }
            other => result.push(other.as_os_str()),
        }
    }
    result
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
#[path = "collect_tests.rs"]
mod collect_tests;
