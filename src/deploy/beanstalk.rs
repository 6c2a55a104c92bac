//! AWS Elastic Beanstalk's configuration files, `.ebextensions/*.config` (YAML or JSON), read
//! together as Elastic Beanstalk reads them: every file of the folder, in the order of their
//! names, applies to the one environment the application folder (the `.ebextensions` folder's
//! parent) is deployed to.
//!
//! - `option_settings`, as a mapping of namespaces (`aws:elasticbeanstalk:application:environment:`
//!   `{NAME: value}`) or as a list of `namespace`/`option_name`/`value` entries (a list entry
//!   without `namespace` is an environment property): the environment properties are the
//!   environment of every process the platform runs; `aws:elasticbeanstalk:container:python`'s
//!   `WSGIPath` (`proj.wsgi:application`, or `proj/wsgi.py` on the older platform) is the WSGI
//!   application the platform's server loads.
//! - `container_commands`: each `command` runs in the application's folder, with the environment
//!   properties and its own `env`, before the new version serves (`migrate`, `collectstatic`).
//! - A `Procfile` in the application folder replaces `WSGIPath`: the platform runs its processes
//!   instead, with the environment properties (`crate::deploy::collect` applies them).
//!
//! Other keys (`packages`, `files`, `commands`, `Resources`...) say nothing of Django. The
//! platform hooks under `.platform/hooks/` are shell scripts, read as such.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::command::run_shell;
use super::model::{Command, Deployment, EnvValue, EnvVar, Origin, Process, Role, SourceKind};
use super::servers::app_module;
use super::tree::Node;
use super::yaml;

/// The namespace of environment properties.
const ENVIRONMENT: &str = "aws:elasticbeanstalk:application:environment";
/// The namespace of the Python platform's options.
const PYTHON: &str = "aws:elasticbeanstalk:container:python";

/// What the `.ebextensions` folder of one application says.
#[derive(Default)]
pub struct App {
    /// The application folder: where `.ebextensions` sits, and a `Procfile` would.
    pub root: PathBuf,
    /// The environment properties, later files over earlier ones.
    pub env: BTreeMap<String, EnvVar>,
    /// `WSGIPath`'s value and where it is set.
    pub wsgi_path: Option<(String, Origin)>,
    /// The `container_commands`, in the order Elastic Beanstalk runs them (file, then name).
    pub commands: Vec<Deployment>,
    /// The first configuration file, where a deployment without `WSGIPath` is said to be.
    pub first_file: Option<PathBuf>,
}

/// Whether `path` is an Elastic Beanstalk configuration file: a `.config` file in `.ebextensions`.
pub fn is_config_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "config")
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == ".ebextensions")
}

/// The application folder a configuration file belongs to.
pub fn app_root(path: &Path) -> PathBuf {
    path.parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new(""))
        .to_path_buf()
}

impl App {
    pub fn new(root: PathBuf) -> App {
        App {
            root,
            ..App::default()
        }
    }

    /// Reads one configuration file of the folder; files are read in the order of their names.
    pub fn read(&mut self, path: &Path, text: &str) -> Result<(), String> {
        let root = yaml::parse_one(text)?;
        self.first_file.get_or_insert_with(|| path.to_path_buf());
        let settings = root.get("option_settings");
        for entry in settings.map(Node::entries).unwrap_or_default() {
            for option in entry.value.entries() {
                let origin = Origin::new(path, option.key_line);
                self.option(&entry.key, &option.key, &option.value, origin);
            }
        }
        for item in settings.map(Node::items).unwrap_or_default() {
            let Some(name) = item.get("option_name") else {
                continue;
            };
            let namespace = item
                .get("namespace")
                .and_then(Node::text)
                .unwrap_or(ENVIRONMENT);
            let value = item
                .get("value")
                .cloned()
                .unwrap_or(Node::new(super::tree::Value::Null, name.line));
            if let Some(name) = name.text() {
                let origin = Origin::new(path, item.line);
                self.option(namespace, name, &value, origin);
            }
        }
        let mut commands: Vec<&super::tree::Entry> = root
            .get("container_commands")
            .map(Node::entries)
            .unwrap_or_default()
            .iter()
            .collect();
        // Elastic Beanstalk runs a file's commands in the alphabetical order of their names.
        commands.sort_by(|a, b| a.key.cmp(&b.key));
        for entry in commands {
            let node = entry.value.get("command").unwrap_or(&entry.value);
            let text = node.strings().join(" ");
            if text.trim().is_empty() {
                continue;
            }
            let origin = Origin::new(path, node.line);
            let mut deployment = Deployment::new(
                SourceKind::ElasticBeanstalk,
                Origin::new(path, entry.key_line),
                Some(entry.key.clone()),
                Role::Runs,
            );
            for var in entry
                .value
                .get("env")
                .map(Node::entries)
                .unwrap_or_default()
            {
                let value = literal(&var.value);
                deployment.set(&var.key, value, Origin::new(path, var.key_line));
            }
            run_shell(&mut deployment, &text, origin);
            self.commands.push(deployment);
        }
        Ok(())
    }

    fn option(&mut self, namespace: &str, name: &str, value: &Node, origin: Origin) {
        match namespace {
            ENVIRONMENT => {
                let value = literal(value);
                self.env.insert(name.to_string(), EnvVar { value, origin });
            }
            PYTHON if name == "WSGIPath" => {
                if let Some(path) = value.text() {
                    self.wsgi_path = Some((path.trim().to_string(), origin));
                }
            }
            _ => {}
        }
    }

    /// The deployments: the `container_commands`, and the web server loading `WSGIPath` unless a
    /// `Procfile` replaces it. Each has the environment properties under its own variables.
    pub fn deployments(self, has_procfile: bool) -> Vec<Deployment> {
        let mut found = self.commands;
        if !has_procfile && let Some(first) = &self.first_file {
            let origin = self
                .wsgi_path
                .as_ref()
                .map_or_else(|| Origin::new(first, 1), |(_, o)| o.clone());
            let mut web = Deployment::new(SourceKind::ElasticBeanstalk, origin, None, Role::Runs);
            if let Some((path, origin)) = &self.wsgi_path {
                web.command = Some(Command {
                    text: format!("WSGIPath: {path}"),
                    origin: origin.clone(),
                    process: Process::Server("Elastic Beanstalk's WSGI server".into()),
                    app_module: app_module(path, path.contains('$')),
                });
            }
            found.push(web);
        }
        for deployment in &mut found {
            for (name, var) in &self.env {
                deployment.set_default(name, var);
            }
        }
        found
    }
}

/// An option's value: a scalar as written; anything else (a CloudFormation function such as
/// `{"Fn::GetAtt": ...}`, an empty value) is set to what the repository does not say.
fn literal(value: &Node) -> EnvValue {
    match value.text() {
        Some(text) if text.contains("`{") => {
            EnvValue::Unknown("a CloudFormation function in .ebextensions".into())
        }
        Some(text) => EnvValue::Literal(text.to_string()),
        None => EnvValue::Unknown("no literal value in .ebextensions".into()),
    }
}

#[cfg(test)]
#[path = "beanstalk_tests.rs"]
mod tests;
