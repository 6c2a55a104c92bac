//! gunicorn configuration files (`gunicorn.conf.py`, `gunicorn_config.py`, `gunicorn.py`...):
//! `raw_env` (the config form of `--env`) and `wsgi_app`.

use crate::syntax::{Field, NodeQueries};
use std::path::Path;

use super::model::{Command, Deployment, EnvValue, Origin, Process, Role, SourceKind};
use super::python::{self, line, string_value, text};
use super::servers::app_module;

/// Whether a file name is a gunicorn configuration file.
pub fn is_config_name(file_name: &str) -> bool {
    matches!(
        file_name,
        "gunicorn.conf.py"
            | "gunicorn_config.py"
            | "gunicorn.py"
            | "gunicorn_conf.py"
            | "gunicorn.config.py"
            | "gunicorn_cfg.py"
    ) || (file_name.starts_with("gunicorn") && file_name.ends_with(".conf.py"))
}

/// The settings of a gunicorn config file: `raw_env` entries and `wsgi_app`.
pub fn deployment(path: &Path, source: &str) -> Option<Deployment> {
    let tree = crate::parse::with_parser(|parser| parser.parse(source, None))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut deployment = Deployment::new(
        SourceKind::GunicornConfig,
        Origin::new(path, 1),
        name,
        Role::Runs,
    );
    let mut app = None;
    let mut first_line = None;
    for node in python::nodes(tree.root_node()) {
        if node.kind_name() != "assignment" {
            continue;
        }
        let (Some(left), Some(right)) = (node.field(Field::Left), node.field(Field::Right)) else {
            continue;
        };
        match text(left, source) {
            "raw_env" => {
                first_line.get_or_insert(line(node));
                if !matches!(right.kind_name(), "list" | "tuple") {
                    deployment.note(
                        Origin::new(path, line(node)),
                        "raw_env is computed: the variables it sets are unknown",
                    );
                    continue;
                }
                let mut cursor = right.walk();
                for item in right.named_children(&mut cursor) {
                    let Some(pair) = string_value(item, source) else {
                        continue;
                    };
                    if let Some((key, value)) = pair.split_once('=') {
                        deployment.set(
                            key,
                            EnvValue::Literal(value.to_string()),
                            Origin::new(path, line(item)),
                        );
                    }
                }
            }
            "wsgi_app" => {
                first_line.get_or_insert(line(node));
                app = string_value(right, source)
                    .and_then(|spec| app_module(&spec, false))
                    .map(|m| (m, line(node)));
            }
            _ => {}
        }
    }
    first_line?;
    let command_line = app.as_ref().map_or(first_line.unwrap_or(1), |(_, l)| *l);
    deployment.origin = Origin::new(path, first_line.unwrap_or(1));
    deployment.command = Some(Command {
        text: format!(
            "gunicorn -c {}",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ),
        origin: Origin::new(path, command_line),
        process: Process::Server("gunicorn".into()),
        app_module: app.map(|(m, _)| m),
    });
    Some(deployment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_env_and_wsgi_app() {
        let text = "\
import multiprocessing
import os

bind = \"0.0.0.0:\" + os.environ.get(\"PORT\", \"8000\")
workers = multiprocessing.cpu_count() * 2 + 1
wsgi_app = \"shop.wsgi:application\"
raw_env = [
    \"DJANGO_SETTINGS_MODULE=shop.settings.production\",
    'DEBUG=False',
    f\"HOST={os.uname().nodename}\",
]
";
        let d = deployment(Path::new("gunicorn.conf.py"), text).unwrap();
        let command = d.command.as_ref().unwrap();
        assert_eq!(command.app_module.as_deref(), Some("shop.wsgi"));
        assert_eq!(command.origin.line, 6);
        assert_eq!(d.origin.line, 6);
        assert_eq!(
            d.settings_module().map(|(m, o)| (m, o.line)),
            Some(("shop.settings.production", 8))
        );
        assert_eq!(d.env["DEBUG"].value.literal(), Some("False"));
        assert!(!d.env.contains_key("HOST"));
        assert!(deployment(Path::new("gunicorn.py"), "bind = ':8000'\nworkers = 2\n").is_none());
        for name in [
            "gunicorn.conf.py",
            "gunicorn_config.py",
            "gunicorn.py",
            "gunicorn-prod.conf.py",
        ] {
            assert!(is_config_name(name), "{name}");
        }
        assert!(!is_config_name("settings.py"));
    }
}
