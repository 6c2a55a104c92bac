//! DigitalOcean App Platform (`.do/app.yaml`, `.do/deploy.template.yaml` with its `spec:`):
//! `services`, `workers` and `jobs`, each with `envs` (`value`, or `type: SECRET` whose value is
//! encrypted), app-level `envs`, `run_command`, `build_command` and `dockerfile_path`.

use std::path::Path;

use super::command::run_shell;
use super::link::Linker;
use super::model::{Deployment, EnvValue, Origin, Role, SourceKind};
use super::tree::Node;
use super::yaml;

pub fn deployments(path: &Path, text: &str, linker: &Linker) -> Result<Vec<Deployment>, String> {
    let root = yaml::parse_one(text)?;
    let spec = root.get("spec").unwrap_or(&root);
    // The file lives in `.do/`; paths in it are relative to the repository's top.
    let top = path
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new(""));
    let mut found = Vec::new();
    for group in ["services", "workers", "jobs"] {
        for component in spec.get(group).map(Node::items).unwrap_or_default() {
            let name = component
                .get("name")
                .and_then(Node::text)
                .map(str::to_string);
            let line = component.get("name").map_or(component.line, |n| n.line);
            let mut deployment = Deployment::new(
                SourceKind::DigitalOcean,
                Origin::new(path, line),
                name,
                Role::Runs,
            );
            if let Some(dockerfile_path) = component.get("dockerfile_path").and_then(Node::text) {
                let dockerfile_path = super::normalize(&top.join(dockerfile_path));
                if let Some(image) = linker.image(&dockerfile_path, &Default::default(), None) {
                    deployment.env = image.env;
                    deployment.command = image.command;
                    deployment.left_out = image.left_out;
                }
            }
            for envs in [spec.get("envs"), component.get("envs")]
                .into_iter()
                .flatten()
            {
                for var in envs.items() {
                    let Some(key) = var.get("key").and_then(Node::text) else {
                        continue;
                    };
                    let secret = var.get("type").and_then(Node::text) == Some("SECRET");
                    let value = match var.get("value").and_then(Node::text) {
                        Some(_) if secret => {
                            EnvValue::Unknown("an App Platform secret (type: SECRET)".into())
                        }
                        Some(value) if value.starts_with("${") => {
                            EnvValue::Unknown(format!("bound by App Platform to {value}"))
                        }
                        Some(value) => EnvValue::Literal(value.to_string()),
                        None => EnvValue::Unknown("set in the App Platform console".into()),
                    };
                    let line = var.get("key").map_or(var.line, |n| n.line);
                    deployment.set(key, value, Origin::new(path, line));
                }
            }
            if let Some(run) = component.get("run_command").filter(|n| n.text().is_some()) {
                run_shell(
                    &mut deployment,
                    run.text().unwrap_or_default(),
                    Origin::new(path, run.line),
                );
            }
            found.push(deployment);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::Process;

    #[test]
    fn app_spec() {
        let text = "\
spec:
  name: shop
  envs:
    - key: DJANGO_SETTINGS_MODULE
      value: shop.settings.do
  services:
    - name: web
      environment_slug: python
      run_command: gunicorn --worker-tmp-dir /dev/shm shop.wsgi
      envs:
        - key: SECRET_KEY
          type: SECRET
          value: EV[1:abc:def]
        - key: DATABASE_URL
          scope: RUN_TIME
          value: ${db.DATABASE_URL}
        - key: DEBUG
          value: \"False\"
  jobs:
    - name: migrate
      kind: PRE_DEPLOY
      run_command: python manage.py migrate
";
        let files = vec![];
        let read = |_: &Path| None;
        let linker = Linker::new(&files, &read);
        let found = deployments(Path::new("/r/.do/deploy.template.yaml"), text, &linker).unwrap();
        assert_eq!(found.len(), 2);
        let web = &found[0];
        assert_eq!(
            web.command.as_ref().unwrap().process,
            Process::Server("gunicorn".into())
        );
        assert_eq!(
            web.settings_module().map(|(m, o)| (m, o.line)),
            Some(("shop.settings.do", 4))
        );
        assert_eq!(
            web.env["SECRET_KEY"].value,
            EnvValue::Unknown("an App Platform secret (type: SECRET)".into())
        );
        assert!(web.env["DATABASE_URL"].value.literal().is_none());
        assert_eq!(web.env["DEBUG"].value.literal(), Some("False"));
        assert_eq!(
            found[1].command.as_ref().unwrap().process,
            Process::Management("migrate".into())
        );
    }
}
