//! uWSGI `.ini` files (a `[uwsgi]` section): `module`/`wsgi-file` (the application), repeated
//! `env = KEY=VALUE`, and `chdir`.

use std::path::Path;

use super::ini::{self, Continuation};
use super::model::{Command, Deployment, EnvValue, Origin, Process, Role, SourceKind};
use super::servers::{app_module, module_of_path};

/// Whether an `.ini` text configures uWSGI.
pub fn looks_like_uwsgi(text: &str) -> bool {
    text.lines().any(|l| l.trim() == "[uwsgi]")
}

pub fn deployments(path: &Path, text: &str) -> Vec<Deployment> {
    let entries: Vec<_> = ini::parse(text, Continuation::Indent, false)
        .into_iter()
        .filter(|e| e.section == "uwsgi")
        .collect();
    let Some(first) = entries.first() else {
        return Vec::new();
    };
    let name = path.file_name().map(|s| s.to_string_lossy().into_owned());
    let mut deployment = Deployment::new(
        SourceKind::Uwsgi,
        Origin::new(path, first.section_line),
        name,
        Role::Runs,
    );
    let mut app = None;
    for entry in &entries {
        let value = entry.value();
        match entry.key.as_str() {
            "env" => {
                if let Some((key, value)) = value.split_once('=') {
                    let value = if value.contains("%(") || value.contains("$(") {
                        EnvValue::Unknown(format!("uses the uWSGI placeholder in `{value}`"))
                    } else {
                        EnvValue::Literal(value.trim().to_string())
                    };
                    deployment.set(key.trim(), value, Origin::new(path, entry.line));
                }
            }
            "module" | "wsgi" => {
                app = app_module(&value, value.contains("%(")).map(|m| (m, entry.line))
            }
            "wsgi-file" | "file" => {
                app = module_of_path(&value, value.contains("%(")).map(|m| (m, entry.line))
            }
            _ => {}
        }
    }
    let line = app.as_ref().map_or(deployment.origin.line, |(_, l)| *l);
    deployment.command = Some(Command {
        text: format!(
            "uwsgi --ini {}",
            path.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ),
        origin: Origin::new(path, line),
        process: Process::Server("uwsgi".into()),
        app_module: app.map(|(m, _)| m),
    });
    vec![deployment]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uwsgi_ini() {
        let text = "\
[uwsgi]
chdir = /srv/shop
module = shop.wsgi:application
env = DJANGO_SETTINGS_MODULE=shop.settings.production
env = DEBUG=0
env = HOME=%(chdir)
master = true
processes = 4
socket = /run/uwsgi/shop.sock
";
        assert!(looks_like_uwsgi(text));
        let d = &deployments(Path::new("uwsgi.ini"), text)[0];
        let command = d.command.as_ref().unwrap();
        assert_eq!(command.app_module.as_deref(), Some("shop.wsgi"));
        assert_eq!(command.origin.line, 3);
        assert_eq!(
            d.settings_module().map(|(m, o)| (m, o.line)),
            Some(("shop.settings.production", 4))
        );
        assert!(d.env["HOME"].value.literal().is_none());
        assert!(!looks_like_uwsgi("[pytest]\nDJANGO_SETTINGS_MODULE = x\n"));
        let d = &deployments(Path::new("app.ini"), "[uwsgi]\nwsgi-file = shop/wsgi.py\n")[0];
        assert_eq!(
            d.command.as_ref().unwrap().app_module.as_deref(),
            Some("shop.wsgi")
        );
    }
}
