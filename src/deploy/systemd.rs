//! systemd units (`*.service`): `Environment=` assignments, `EnvironmentFile=` (on the server, so
//! its variables are unknown), and the `ExecStart=` command.

use std::path::Path;

use super::command;
use super::ini::{self, Continuation};
use super::model::{Deployment, EnvValue, Origin, Role, SourceKind};
use super::shell;

pub fn deployments(path: &Path, text: &str) -> Vec<Deployment> {
    let entries = ini::parse(text, Continuation::Backslash, false);
    let Some(exec) = entries
        .iter()
        .find(|e| e.section == "Service" && e.key == "ExecStart")
    else {
        return Vec::new();
    };
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let mut deployment = Deployment::new(
        SourceKind::Systemd,
        Origin::new(path, exec.line),
        name,
        Role::Runs,
    );
    for entry in entries.iter().filter(|e| e.section == "Service") {
        match entry.key.as_str() {
            "Environment" => {
                for word in shell::split(&entry.value()) {
                    if let Some((key, value)) = word.text.split_once('=') {
                        deployment.set(
                            key,
                            EnvValue::Literal(value.to_string()),
                            Origin::new(path, entry.line),
                        );
                    }
                }
            }
            "EnvironmentFile" => {
                let file = entry.value();
                let file = file.trim_start_matches('-');
                deployment.note(
                    Origin::new(path, entry.line),
                    format!("EnvironmentFile {file} is read on the server: the variables it sets are unknown"),
                );
            }
            _ => {}
        }
    }
    // `-`, `@`, `:`, `+`, `!` prefixes change how systemd runs the program, not what it runs.
    let text = exec.value().replace('\n', " ");
    let program = text.trim_start_matches(['-', '@', ':', '+', '!']);
    let argv: Vec<String> = shell::split(program).into_iter().map(|w| w.text).collect();
    let analysis = command::analyze_argv(&argv);
    deployment.run(
        analysis.command(program, Origin::new(path, exec.line)),
        analysis.env,
    );
    vec![deployment]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::Process;

    #[test]
    fn a_gunicorn_unit() {
        let text = "\
[Unit]
Description=shop gunicorn daemon
After=network.target

[Service]
User=shop
WorkingDirectory=/srv/shop
Environment=\"DJANGO_SETTINGS_MODULE=shop.settings.production\" \"DEBUG=False\"
EnvironmentFile=-/etc/shop/env
ExecStart=/srv/shop/venv/bin/gunicorn \\
          --workers 3 \\
          --bind unix:/run/gunicorn.sock \\
          shop.wsgi:application

[Install]
WantedBy=multi-user.target
";
        let found = deployments(Path::new("deploy/gunicorn.service"), text);
        let d = &found[0];
        assert_eq!(d.name.as_deref(), Some("gunicorn"));
        assert_eq!(d.origin.line, 10);
        let command = d.command.as_ref().unwrap();
        assert_eq!(
            (command.process.clone(), command.app_module.as_deref()),
            (Process::Server("gunicorn".into()), Some("shop.wsgi"))
        );
        assert_eq!(
            d.settings_module().map(|(m, o)| (m, o.line)),
            Some(("shop.settings.production", 8))
        );
        assert_eq!(d.env["DEBUG"].value.literal(), Some("False"));
        assert_eq!(
            d.notes[0].message,
            "EnvironmentFile /etc/shop/env is read on the server: the variables it sets are unknown"
        );
        assert!(deployments(Path::new("x.service"), "[Unit]\nDescription=x\n").is_empty());
    }
}
