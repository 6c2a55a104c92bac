//! Platform.sh (Upsun): `.platform.app.yaml` (one application) and `.platform/applications.yaml`
//! (a list): `variables.env` become environment variables, `web.commands.start` serves HTTP,
//! `workers.<name>.commands.start` run workers, `hooks.deploy` runs at each deploy.

use std::path::Path;

use super::command::run_shell;
use super::model::{Deployment, EnvValue, Origin, Role, SourceKind};
use super::tree::{Node, Value};
use super::yaml;

pub fn deployments(path: &Path, text: &str) -> Result<Vec<Deployment>, String> {
    let root = yaml::parse_one(text)?;
    let apps: Vec<(Option<String>, &Node)> = match &root.value {
        Value::Seq(items) => items
            .iter()
            .map(|a| (a.get("name").and_then(Node::text).map(str::to_string), a))
            .collect(),
        // `.platform/applications.yaml` may also be a map of name → application.
        Value::Map(_)
            if root.get("type").is_none()
                && root.entries().iter().all(|e| e.value.get("type").is_some()) =>
        {
            root.entries()
                .iter()
                .map(|e| (Some(e.key.clone()), &e.value))
                .collect()
        }
        _ => vec![(
            root.get("name").and_then(Node::text).map(str::to_string),
            &root,
        )],
    };
    let mut found = Vec::new();
    for (name, app) in apps {
        let line = app.get("name").map_or(app.line, |n| n.line);
        let mut base = Deployment::new(
            SourceKind::PlatformSh,
            Origin::new(path, line),
            name.clone(),
            Role::Runs,
        );
        for entry in app
            .path(&["variables", "env"])
            .map(Node::entries)
            .unwrap_or_default()
        {
            let value = entry.value.text().map_or_else(
                || EnvValue::Unknown("not a string in the Platform.sh configuration".into()),
                |t| EnvValue::Literal(t.to_string()),
            );
            base.set(&entry.key, value, Origin::new(path, entry.key_line));
        }
        if let Some(start) = app.path(&["web", "commands", "start"]) {
            let mut web = base.clone();
            run_shell(
                &mut web,
                start.text().unwrap_or_default(),
                Origin::new(path, start.line),
            );
            found.push(web);
        } else {
            found.push(base.clone());
        }
        for worker in app.get("workers").map(Node::entries).unwrap_or_default() {
            if let Some(start) = worker.value.path(&["commands", "start"]) {
                let mut d = base.clone();
                d.origin = Origin::new(path, worker.key_line);
                d.name = Some(worker.key.clone());
                run_shell(
                    &mut d,
                    start.text().unwrap_or_default(),
                    Origin::new(path, start.line),
                );
                found.push(d);
            }
        }
        if let Some(deploy) = app.path(&["hooks", "deploy"]) {
            let mut d = base.clone();
            d.origin = Origin::new(path, deploy.line);
            d.name = Some("deploy".into());
            run_shell(
                &mut d,
                deploy.text().unwrap_or_default(),
                Origin::new(path, deploy.line),
            );
            found.push(d);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::Process;

    #[test]
    fn application_with_env_start_workers_and_hooks() {
        let text = "\
name: shop
type: python:3.11
variables:
  env:
    DJANGO_SETTINGS_MODULE: shop.settings.platformsh
    DEBUG: 'false'
  django:
    NOT_ENV: 1
hooks:
  build: |
    pip install -r requirements.txt
    python manage.py collectstatic --noinput
  deploy: python manage.py migrate
web:
  commands:
    start: gunicorn -w 4 -b unix:$SOCKET shop.wsgi:application
workers:
  queue:
    commands:
      start: celery -A shop worker
";
        let found = deployments(Path::new(".platform.app.yaml"), text).unwrap();
        let summary: Vec<_> = found
            .iter()
            .map(|d| {
                (
                    d.name.as_deref().unwrap(),
                    d.command.as_ref().unwrap().process.clone(),
                    d.settings_module().map(|(m, o)| (m, o.line)),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "shop",
                    Process::Server("gunicorn".into()),
                    Some(("shop.settings.platformsh", 5))
                ),
                (
                    "queue",
                    Process::Worker("celery".into()),
                    Some(("shop.settings.platformsh", 5))
                ),
                (
                    "deploy",
                    Process::Management("migrate".into()),
                    Some(("shop.settings.platformsh", 5))
                ),
            ]
        );
        assert!(!found[0].env.contains_key("NOT_ENV"));
    }

    #[test]
    fn applications_list() {
        let text = "- name: api\n  type: python:3.12\n  web:\n    commands:\n      start: uvicorn api.asgi:application\n- name: front\n  type: nodejs:20\n  web:\n    commands:\n      start: npm start\n";
        let found = deployments(Path::new(".platform/applications.yaml"), text).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].command.as_ref().unwrap().app_module.as_deref(),
            Some("api.asgi")
        );
        assert_eq!(
            found[1].command.as_ref().unwrap().process,
            Process::NotDjango("npm".into())
        );
    }
}
