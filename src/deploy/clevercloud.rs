//! Clever Cloud's Python applications: `clevercloud/python.json` at the application's top.
//! `deploy.module` is the WSGI application the platform's server (uWSGI unless the console's
//! `CC_PYTHON_BACKEND` says otherwise) loads, and each `deploy.managetasks` entry a `manage.py`
//! task run at every deployment. The environment (`CC_PYTHON_MODULE`, `DJANGO_SETTINGS_MODULE`,
//! secrets) lives in the Clever Cloud console, never in the repository: the deployment's
//! environment is only what the platform sets in every instance (`INSTANCE_NUMBER`...). The
//! `clevercloud/*.sh` hooks are shell scripts, read as such. Other keys are ignored.

use std::path::Path;

use super::command::run_shell;
use super::model::{Command, Deployment, Origin, Process, Role, SourceKind};
use super::servers::app_module;
use super::tree::Node;
use super::yaml;

/// Whether `path` is `clevercloud/python.json`.
pub fn is_python_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "python.json")
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == "clevercloud")
}

pub fn deployments(path: &Path, text: &str) -> Result<Vec<Deployment>, String> {
    let root = yaml::parse_one(text)?;
    let deploy = root.get("deploy");
    let mut found = Vec::new();
    for node in deploy
        .and_then(|d| d.get("managetasks"))
        .map(Node::items)
        .unwrap_or_default()
    {
        let Some(task) = node.text().filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let origin = Origin::new(path, node.line);
        let mut deployment =
            Deployment::new(SourceKind::CleverCloud, origin.clone(), None, Role::Runs);
        run_shell(&mut deployment, &format!("python manage.py {task}"), origin);
        found.push(deployment);
    }
    let module = deploy.and_then(|d| d.get("module"));
    let line = module.map_or(1, |n| n.line);
    let mut web = Deployment::new(
        SourceKind::CleverCloud,
        Origin::new(path, line),
        None,
        Role::Runs,
    );
    if let Some(spec) = module.and_then(Node::text) {
        web.command = Some(Command {
            text: format!("module: {spec}"),
            origin: Origin::new(path, line),
            process: Process::Server("Clever Cloud's WSGI server".into()),
            app_module: app_module(spec, spec.contains('$')),
        });
    }
    found.push(web);
    for deployment in &mut found {
        super::platforms::add_platform_env(
            deployment,
            "Clever Cloud",
            super::platforms::CLEVER_CLOUD,
        );
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_and_manage_tasks() {
        let text = r#"{
  "deploy": {
    "module": "shop.wsgi:application",
    "managetasks": [
      "migrate --noinput",
      "compilemessages"
    ]
  }
}
"#;
        let path = Path::new("clevercloud/python.json");
        assert!(is_python_config(path));
        let found = deployments(path, text).unwrap();
        let summary: Vec<_> = found
            .iter()
            .map(|d| {
                let command = d.command.as_ref().unwrap();
                (
                    d.origin.line,
                    command.process.clone(),
                    command.app_module.clone(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (5, Process::Management("migrate".into()), None),
                (6, Process::Build("compilemessages".into()), None),
                (
                    3,
                    Process::Server("Clever Cloud's WSGI server".into()),
                    Some("shop.wsgi".into())
                ),
            ]
        );
        assert!(found[2].env["INSTANCE_NUMBER"].value.literal().is_none());
    }

    #[test]
    fn malformed_and_unknown() {
        let path = Path::new("clevercloud/python.json");
        assert!(deployments(path, "{\"deploy\": ").is_err());
        let found = deployments(
            path,
            "{\"deploy\": {\"managetasks\": \"migrate\"}, \"build\": 3}",
        )
        .unwrap();
        assert_eq!(found.len(), 1);
        assert!(found[0].command.is_none());
        assert!(!is_python_config(Path::new("clevercloud/cron.json")));
        assert!(!is_python_config(Path::new("python.json")));
    }
}
