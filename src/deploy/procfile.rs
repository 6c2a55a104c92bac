//! Procfiles (Heroku, Dokku, Scalingo...): one deployment per process type. `web` serves HTTP;
//! `release` runs before each release (a management step such as `migrate`).

use std::path::Path;

use super::command::run_shell;
use super::model::{Deployment, Origin, Role, SourceKind};

/// One deployment per `type: command` line.
pub fn deployments(path: &Path, text: &str) -> Vec<Deployment> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((name, command)) = trimmed.split_once(':') else {
            continue;
        };
        let name = name.trim();
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid || command.trim().is_empty() {
            continue;
        }
        let origin = Origin::new(path, index + 1);
        let mut deployment = Deployment::new(
            SourceKind::Procfile,
            origin.clone(),
            Some(name.to_string()),
            Role::Runs,
        );
        run_shell(&mut deployment, command.trim(), origin);
        found.push(deployment);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::Process;

    #[test]
    fn process_types() {
        let text = "\
# Heroku
release: python manage.py migrate --noinput
web: DJANGO_SETTINGS_MODULE=shop.settings.heroku gunicorn shop.wsgi --log-file -
worker: celery -A shop worker --loglevel=info
beat: celery -A shop beat
clock:
not a process line
";
        let found = deployments(Path::new("Procfile"), text);
        let summary: Vec<_> = found
            .iter()
            .map(|d| {
                let c = d.command.as_ref().unwrap();
                (
                    d.name.as_deref().unwrap(),
                    d.origin.line,
                    c.process.clone(),
                    c.app_module.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("release", 2, Process::Management("migrate".into()), None),
                (
                    "web",
                    3,
                    Process::Server("gunicorn".into()),
                    Some("shop.wsgi")
                ),
                ("worker", 4, Process::Worker("celery".into()), None),
                ("beat", 5, Process::Worker("celery".into()), None),
            ]
        );
        assert_eq!(
            found[1].settings_module().map(|(m, o)| (m, o.line)),
            Some(("shop.settings.heroku", 3))
        );
    }
}
