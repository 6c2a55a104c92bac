//! supervisor configurations: one deployment per `[program:x]` with its `command=` and
//! `environment=KEY="value",...` (over the `[supervisord]` section's `environment`).

use std::path::Path;

use super::command;
use super::ini::{self, Continuation};
use super::model::{Deployment, EnvValue, Origin, Role, SourceKind};

/// Whether a configuration text defines supervisor programs.
pub fn looks_like_supervisor(text: &str) -> bool {
    text.contains("[program:")
}

pub fn deployments(path: &Path, text: &str) -> Vec<Deployment> {
    let entries = ini::parse(text, Continuation::Indent, true);
    let global: Vec<_> = entries
        .iter()
        .filter(|e| e.section == "supervisord" && e.key == "environment")
        .collect();
    let mut programs: Vec<(String, usize)> = Vec::new();
    for entry in &entries {
        if let Some(name) = entry.section.strip_prefix("program:")
            && !programs.iter().any(|(n, _)| n == name)
        {
            programs.push((name.to_string(), entry.section_line));
        }
    }
    let mut found = Vec::new();
    for (name, first_line) in programs {
        let section = format!("program:{name}");
        let own: Vec<_> = entries.iter().filter(|e| e.section == section).collect();
        let Some(command_entry) = own.iter().find(|e| e.key == "command") else {
            continue;
        };
        let mut deployment = Deployment::new(
            SourceKind::Supervisor,
            Origin::new(path, first_line),
            Some(name.clone()),
            Role::Runs,
        );
        for entry in global
            .iter()
            .chain(own.iter().filter(|e| e.key == "environment"))
        {
            for (key, value) in environment(&entry.value()) {
                deployment.set(&key, value, Origin::new(path, entry.line));
            }
        }
        command::run_shell(
            &mut deployment,
            &command_entry.value().replace('\n', " "),
            Origin::new(path, command_entry.line),
        );
        found.push(deployment);
    }
    found
}

/// `KEY="value",KEY2=value2`: commas outside quotes separate; `%(ENV_X)s` expansions are unknown.
fn environment(text: &str) -> Vec<(String, EnvValue)> {
    let mut pairs = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut items = Vec::new();
    for c in text.chars() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            (',', None) => items.push(std::mem::take(&mut current)),
            ('\n', None) => {}
            (c, _) => current.push(c),
        }
    }
    items.push(current);
    for item in items {
        let Some((key, value)) = item.split_once('=') else {
            continue;
        };
        let value = value.trim();
        let value = if value.contains("%(") {
            EnvValue::Unknown(format!("uses the supervisor expansion in `{value}`"))
        } else {
            EnvValue::Literal(value.to_string())
        };
        pairs.push((key.trim().to_string(), value));
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::Process;

    #[test]
    fn programs() {
        let text = "\
[supervisord]
environment=LANG=\"en_US.UTF-8\"

[program:shop]
command=/srv/venv/bin/gunicorn shop.wsgi:application --bind 127.0.0.1:8000
directory=/srv/shop
environment=DJANGO_SETTINGS_MODULE=\"shop.settings.production\",DEBUG=\"False\",
    SECRET_KEY=\"%(ENV_SECRET_KEY)s\"

[program:celery]
command=/srv/venv/bin/celery -A shop worker -l info
";
        assert!(looks_like_supervisor(text));
        let found = deployments(Path::new("deploy/supervisor.conf"), text);
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
                    "shop",
                    4,
                    Process::Server("gunicorn".into()),
                    Some(("shop.settings.production", 7))
                ),
                ("celery", 10, Process::Worker("celery".into()), None),
            ]
        );
        assert_eq!(found[0].env["LANG"].value.literal(), Some("en_US.UTF-8"));
        assert!(found[0].env["SECRET_KEY"].value.literal().is_none());
        assert_eq!(found[0].env["DEBUG"].value.literal(), Some("False"));
    }
}
