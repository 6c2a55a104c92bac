//! Google App Engine's `app.yaml` (recognised by its `runtime:`): `env_variables` and the
//! `entrypoint` command (App Engine's default for Python is `gunicorn main:app`-style, which
//! djsafe does not assume).

use std::path::Path;

use super::command::run_shell;
use super::model::{Deployment, EnvValue, Origin, Role, SourceKind};
use super::tree::Node;
use super::yaml;

/// Whether a YAML text looks like an App Engine service: a top-level `runtime:` key.
pub fn looks_like_app_engine(text: &str) -> bool {
    text.lines().any(|line| line.starts_with("runtime:"))
}

pub fn deployments(path: &Path, text: &str) -> Result<Vec<Deployment>, String> {
    let root = yaml::parse_one(text)?;
    let name = root
        .get("service")
        .and_then(Node::text)
        .unwrap_or("default")
        .to_string();
    let line = root.get("runtime").map_or(1, |n| n.line);
    let mut deployment = Deployment::new(
        SourceKind::AppEngine,
        Origin::new(path, line),
        Some(name),
        Role::Runs,
    );
    for entry in root
        .get("env_variables")
        .map(Node::entries)
        .unwrap_or_default()
    {
        let value = entry.value.text().map_or_else(
            || EnvValue::Unknown("no value in app.yaml".into()),
            |t| EnvValue::Literal(t.to_string()),
        );
        deployment.set(&entry.key, value, Origin::new(path, entry.key_line));
    }
    // `env: flex` runs the flexible environment, which sets fewer variables.
    let flexible = root
        .get("env")
        .and_then(Node::text)
        .is_some_and(|env| env == "flex" || env == "flexible");
    super::platforms::add_platform_env(
        &mut deployment,
        "App Engine",
        if flexible {
            super::platforms::APP_ENGINE_FLEXIBLE
        } else {
            super::platforms::APP_ENGINE_STANDARD
        },
    );
    if let Some(entrypoint) = root.get("entrypoint").filter(|n| n.text().is_some()) {
        run_shell(
            &mut deployment,
            entrypoint.text().unwrap_or_default(),
            Origin::new(path, entrypoint.line),
        );
    }
    Ok(vec![deployment])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::Process;

    #[test]
    fn app_yaml() {
        let text = "\
runtime: python312
service: api
entrypoint: gunicorn -b :$PORT mysite.wsgi:application
env_variables:
  DJANGO_SETTINGS_MODULE: \"mysite.settings.gae\"
  DEBUG: \"False\"
handlers:
- url: /static
  static_dir: static/
";
        assert!(looks_like_app_engine(text));
        let found = deployments(Path::new("app.yaml"), text).unwrap();
        let d = &found[0];
        assert_eq!(d.name.as_deref(), Some("api"));
        assert_eq!(
            d.command.as_ref().unwrap().process,
            Process::Server("gunicorn".into())
        );
        assert_eq!(
            d.command.as_ref().unwrap().app_module.as_deref(),
            Some("mysite.wsgi")
        );
        assert_eq!(
            d.settings_module().map(|(m, o)| (m, o.line)),
            Some(("mysite.settings.gae", 5))
        );
        assert!(!looks_like_app_engine(
            "name: my-app\nservices:\n  - name: web\n"
        ));
    }
}
