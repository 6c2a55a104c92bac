//! Railway's config as code, `railway.json` or `railway.toml` (the same keys): one service.
//! `deploy.startCommand` is its command and `deploy.preDeployCommand` (a string or a list) runs
//! before each deployment; `build.builder` `DOCKERFILE` (or a `Dockerfile` beside the file,
//! which Railway always builds when it finds one) builds the image at `build.dockerfilePath`,
//! whose environment and command the service inherits; `build.buildCommand` runs Django as a
//! build step when it does. Railway keeps variables in its dashboard, never in this file: the
//! service's environment is the image's and what Railway itself sets (`RAILWAY_ENVIRONMENT`...).
//! Other keys (`environments` overrides, `watchPatterns`, health checks) are ignored.

use std::path::Path;

use super::command::run_shell;
use super::link::Linker;
use super::model::{Deployment, Origin, Process, Role, SourceKind};
use super::tree::{Node, parse_toml};
use super::yaml;

pub fn deployments(path: &Path, text: &str, linker: &Linker) -> Result<Vec<Deployment>, String> {
    let toml = path.extension().is_some_and(|e| e == "toml");
    let root = if toml {
        parse_toml(text).ok_or("not valid TOML")?
    } else {
        yaml::parse_one(text)?
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    let build = root.get("build");
    let deploy = root.get("deploy");
    let start = deploy
        .and_then(|d| d.get("startCommand"))
        .filter(|n| n.text().is_some());
    let line = start.map_or(1, |n| n.line);
    let mut service = Deployment::new(
        SourceKind::Railway,
        Origin::new(path, line),
        None,
        Role::Runs,
    );
    let dockerfile = build
        .and_then(|b| b.get("dockerfilePath"))
        .and_then(Node::text)
        .unwrap_or("Dockerfile");
    // Railway builds a Dockerfile whenever it finds one, whatever `builder` says.
    let dockerfile = super::normalize(&dir.join(dockerfile));
    if let Some(image) = linker.image(&dockerfile, &Default::default(), None) {
        service.run_image(image);
    }
    let mut found = Vec::new();
    let steps = [
        (build.and_then(|b| b.get("buildCommand")), Role::Build),
        (deploy.and_then(|d| d.get("preDeployCommand")), Role::Runs),
    ];
    for (node, role) in steps {
        let Some(node) = node else { continue };
        let text = node.strings().join(" && ");
        if text.trim().is_empty() {
            continue;
        }
        let origin = Origin::new(path, node.line);
        let mut step = Deployment::new(SourceKind::Railway, origin.clone(), None, role);
        step.env = service.env.clone();
        run_shell(&mut step, &text, origin);
        let runs_django = step
            .command
            .as_ref()
            .is_some_and(|c| !matches!(c.process, Process::Unknown | Process::NotDjango(_)));
        if runs_django {
            found.push(step);
        }
    }
    if let Some(start) = start {
        run_shell(
            &mut service,
            start.text().unwrap_or_default(),
            Origin::new(path, start.line),
        );
    }
    found.push(service);
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::{DeployFile, Process};

    fn read(path: &str, text: &str, files: &[DeployFile]) -> Vec<Deployment> {
        let read = |_: &Path| None;
        let linker = Linker::new(files, &read);
        deployments(Path::new(path), text, &linker).unwrap()
    }

    #[test]
    fn json_start_and_pre_deploy_commands() {
        let text = r#"{
  "$schema": "https://railway.com/railway.schema.json",
  "build": {
    "builder": "RAILPACK",
    "buildCommand": "python manage.py collectstatic --noinput"
  },
  "deploy": {
    "preDeployCommand": ["python manage.py migrate --noinput"],
    "startCommand": "gunicorn blog.wsgi --bind 0.0.0.0:$PORT",
    "healthcheckPath": "/health/"
  }
}
"#;
        let found = read("/nowhere/railway.json", text, &[]);
        let summary: Vec<_> = found
            .iter()
            .map(|d| {
                let command = d.command.as_ref().unwrap();
                (
                    d.origin.line,
                    d.role,
                    command.process.clone(),
                    command.app_module.clone(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (5, Role::Build, Process::Build("collectstatic".into()), None),
                (8, Role::Runs, Process::Management("migrate".into()), None),
                (
                    9,
                    Role::Runs,
                    Process::Server("gunicorn".into()),
                    Some("blog.wsgi".into())
                ),
            ]
        );
    }

    #[test]
    fn toml_with_a_dockerfile() {
        let dockerfile = DeployFile {
            path: "/nowhere/docker/Dockerfile.prod".into(),
            kind: SourceKind::Dockerfile,
            text: "FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=blog.settings.prod\nCMD gunicorn blog.wsgi\n"
                .into(),
        };
        let text = "[build]\nbuilder = \"DOCKERFILE\"\ndockerfilePath = \"docker/Dockerfile.prod\"\n\n[deploy]\nrestartPolicyType = \"ON_FAILURE\"\n";
        let found = read("/nowhere/railway.toml", text, &[dockerfile]);
        assert_eq!(found.len(), 1);
        let service = &found[0];
        assert_eq!(
            service.settings_module().map(|(m, o)| (m, o.line)),
            Some(("blog.settings.prod", 2))
        );
        assert_eq!(
            service.command.as_ref().unwrap().process,
            Process::Server("gunicorn".into())
        );
    }

    #[test]
    fn malformed_files_are_errors() {
        let files = [];
        let read = |_: &Path| None;
        let linker = Linker::new(&files, &read);
        assert!(deployments(Path::new("railway.json"), "{\"deploy\": ", &linker).is_err());
        assert!(deployments(Path::new("railway.toml"), "[deploy\n", &linker).is_err());
        // Unknown shapes: a service without a command.
        let found = deployments(Path::new("railway.json"), "{\"deploy\": 3}", &linker).unwrap();
        assert_eq!(found.len(), 1);
        assert!(found[0].command.is_none());
    }
}
