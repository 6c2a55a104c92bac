//! DigitalOcean App Platform (`.do/app.yaml`, `.do/deploy.template.yaml` with its `spec:`):
//! `services`, `workers` and `jobs`, each with `envs` (`value`, or `type: SECRET` whose value is
//! encrypted), app-level `envs`, `run_command`, `build_command` and `dockerfile_path`.
//!
//! An env's `scope` says when it applies: `RUN_TIME` to the running component, `BUILD_TIME` to
//! its build only, `RUN_AND_BUILD_TIME` (the default) to both. A `build_command` that runs Django
//! is a build deployment with the build's variables.

use std::path::Path;

use super::command::run_shell;
use super::link::Linker;
use super::model::{Deployment, EnvValue, Origin, Process, Role, SourceKind};
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
                    deployment.run_image(image);
                }
            }
            let mut build = deployment.clone();
            build.role = Role::Build;
            for envs in [spec.get("envs"), component.get("envs")]
                .into_iter()
                .flatten()
            {
                for var in envs.items() {
                    set_env(&mut deployment, &mut build, path, var);
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
            if let Some(command) = component
                .get("build_command")
                .filter(|n| n.text().is_some())
            {
                build.origin = Origin::new(path, command.line);
                run_shell(
                    &mut build,
                    command.text().unwrap_or_default(),
                    Origin::new(path, command.line),
                );
                let runs_django = build.command.as_ref().is_some_and(|c| {
                    !matches!(c.process, Process::Unknown | Process::NotDjango(_))
                });
                if runs_django {
                    found.push(build);
                }
            }
        }
    }
    Ok(found)
}

/// One `envs` entry, set on the running component, its build, or both, as its `scope` says.
fn set_env(run: &mut Deployment, build: &mut Deployment, path: &Path, var: &Node) {
    let Some(key) = var.get("key").and_then(Node::text) else {
        return;
    };
    let secret = var.get("type").and_then(Node::text) == Some("SECRET");
    let value = match var.get("value").and_then(Node::text) {
        Some(_) if secret => EnvValue::Unknown("an App Platform secret (type: SECRET)".into()),
        Some(value) if value.starts_with("${") => {
            EnvValue::Unknown(format!("bound by App Platform to {value}"))
        }
        Some(value) => EnvValue::Literal(value.to_string()),
        None => EnvValue::Unknown("set in the App Platform console".into()),
    };
    let origin = Origin::new(path, var.get("key").map_or(var.line, |n| n.line));
    let scope = var
        .get("scope")
        .and_then(Node::text)
        .unwrap_or("RUN_AND_BUILD_TIME");
    if scope != "BUILD_TIME" {
        run.set(key, value.clone(), origin.clone());
    }
    if scope != "RUN_TIME" {
        build.set(key, value, origin);
    }
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
      build_command: python manage.py collectstatic --noinput
      envs:
        - key: DISABLE_COLLECTSTATIC
          value: \"1\"
          scope: BUILD_TIME
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
        assert_eq!(found.len(), 3);
        let web = &found[0];
        // A build-time variable is the build's only; a run-time one the service's only.
        assert!(!web.env.contains_key("DISABLE_COLLECTSTATIC"));
        let build = &found[1];
        assert_eq!(build.role, Role::Build);
        assert_eq!(build.origin.line, 10);
        assert_eq!(
            build.env["DISABLE_COLLECTSTATIC"].value.literal(),
            Some("1")
        );
        assert!(!build.env.contains_key("DATABASE_URL"));
        assert_eq!(build.env["DEBUG"].value.literal(), Some("False"));
        assert_eq!(
            build.settings_module().map(|(m, _)| m),
            Some("shop.settings.do")
        );
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
            found[2].command.as_ref().unwrap().process,
            Process::Management("migrate".into())
        );
    }
}
