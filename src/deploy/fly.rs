//! fly.io's `fly.toml`: `[env]` literal values, `[processes]` (one deployment each),
//! `[experimental] cmd`/`entrypoint`, `[deploy] release_command`, and the Dockerfile it builds
//! (`[build] dockerfile`, else the `Dockerfile` next to it), whose environment and command it
//! inherits.

use std::path::Path;

use super::command;
use super::command::run_shell;
use super::link::Linker;
use super::model::{Deployment, EnvValue, Origin, Role, SourceKind};
use super::tree::{Node, Value, parse_toml};

pub fn deployments(path: &Path, text: &str, linker: &Linker) -> Result<Vec<Deployment>, String> {
    let root = parse_toml(text).ok_or("not valid TOML")?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let dockerfile_name = root
        .path(&["build", "dockerfile"])
        .and_then(Node::text)
        .unwrap_or("Dockerfile");
    let dockerfile_path = super::normalize(&dir.join(dockerfile_name));
    let image = root
        .path(&["build", "image"])
        .is_none()
        .then(|| linker.image(&dockerfile_path, &Default::default(), None))
        .flatten();
    let app = root.get("app").and_then(Node::text).map(str::to_string);
    let base = |name: Option<String>, line: usize| {
        let mut d = Deployment::new(
            SourceKind::FlyToml,
            Origin::new(path, line),
            name,
            Role::Runs,
        );
        if let Some(image) = &image {
            d.run_image(image.clone());
        }
        for entry in root.get("env").map(Node::entries).unwrap_or_default() {
            let value = match entry.value.text() {
                Some(text) => EnvValue::Literal(text.to_string()),
                None => EnvValue::Unknown("not a string in fly.toml".into()),
            };
            d.set(&entry.key, value, Origin::new(path, entry.key_line));
        }
        d
    };
    let mut found = Vec::new();
    let processes = root.get("processes").map(Node::entries).unwrap_or_default();
    if processes.is_empty() {
        let mut d = base(app.clone(), 1);
        if let Some(node) = root
            .path(&["experimental", "cmd"])
            .or_else(|| root.path(&["experimental", "entrypoint"]))
        {
            run_node(&mut d, path, node);
        }
        found.push(d);
    }
    for entry in processes {
        let mut d = base(Some(entry.key.clone()), entry.key_line);
        run_node(&mut d, path, &entry.value);
        found.push(d);
    }
    if let Some(node) = root.path(&["deploy", "release_command"]) {
        let mut d = base(Some("release".into()), node.line);
        run_node(&mut d, path, node);
        found.push(d);
    }
    Ok(found)
}

fn run_node(deployment: &mut Deployment, path: &Path, node: &Node) {
    let origin = Origin::new(path, node.line);
    match &node.value {
        Value::Scalar { text, .. } => run_shell(deployment, text, origin),
        Value::Seq(_) => {
            let argv = node.strings();
            let analysis = command::analyze_argv(&argv);
            deployment.run(analysis.command(&argv.join(" "), origin), analysis.env);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::{DeployFile, Process};

    #[test]
    fn env_processes_and_release_over_the_dockerfile() {
        let files = vec![DeployFile {
            path: "/r/Dockerfile".into(),
            kind: SourceKind::Dockerfile,
            text: "FROM python\nENV DJANGO_SETTINGS_MODULE=shop.settings.base PORT=8000\nCMD gunicorn shop.wsgi\n".into(),
        }];
        let read = |_: &Path| None;
        let linker = Linker::new(&files, &read);
        let text = "\
app = \"shop\"
primary_region = \"ams\"

[env]
  DJANGO_SETTINGS_MODULE = \"shop.settings.fly\"
  DEBUG = \"false\"

[deploy]
  release_command = \"python manage.py migrate\"

[processes]
  app = \"gunicorn shop.wsgi:application --bind :8000\"
  worker = [\"celery\", \"-A\", \"shop\", \"worker\"]
";
        let found = deployments(Path::new("/r/fly.toml"), text, &linker).unwrap();
        let summary: Vec<_> = found
            .iter()
            .map(|d| {
                (
                    d.name.as_deref().unwrap(),
                    d.origin.line,
                    d.command.as_ref().unwrap().process.clone(),
                    d.settings_module().map(|(m, o)| (m, o.line)),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "app",
                    12,
                    Process::Server("gunicorn".into()),
                    Some(("shop.settings.fly", 5))
                ),
                (
                    "worker",
                    13,
                    Process::Worker("celery".into()),
                    Some(("shop.settings.fly", 5))
                ),
                (
                    "release",
                    9,
                    Process::Management("migrate".into()),
                    Some(("shop.settings.fly", 5))
                ),
            ]
        );
        assert_eq!(found[0].env["PORT"].origin.file, Path::new("/r/Dockerfile"));
    }

    #[test]
    fn without_processes_the_image_command_runs() {
        let files = vec![DeployFile {
            path: "/r/Dockerfile.fly".into(),
            kind: SourceKind::Dockerfile,
            text: "FROM python\nCMD [\"daphne\", \"-b\", \"0.0.0.0\", \"shop.asgi:application\"]\n"
                .into(),
        }];
        let read = |_: &Path| None;
        let linker = Linker::new(&files, &read);
        let text =
            "app = \"shop\"\n[build]\n  dockerfile = \"Dockerfile.fly\"\n[env]\n  PORT = 8080\n";
        let found = deployments(Path::new("/r/fly.toml"), text, &linker).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name.as_deref(), Some("shop"));
        assert_eq!(
            found[0].command.as_ref().unwrap().app_module.as_deref(),
            Some("shop.asgi")
        );
        assert_eq!(found[0].env["PORT"].value.literal(), Some("8080"));
        assert!(deployments(Path::new("/r/fly.toml"), "[env", &linker).is_err());
    }
}
