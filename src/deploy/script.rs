//! Shell scripts (`*.sh`, `bin/*`, Docker entrypoints): the variables they export and the
//! process they end up running (`exec gunicorn ...`, `python manage.py runserver`, or the
//! arguments they were given with `exec "$@"`). A script is a deployment of its own only when it
//! runs a Django process.

use std::path::Path;

use super::command::{self, Analysis};
use super::model::{Deployment, EnvValue, Origin, Process, Role, SourceKind};
use super::shell;

/// What a script does, with lines.
#[derive(Clone, Debug, Default)]
pub struct Script {
    /// `export NAME=value` and `NAME=value` lines, in order.
    pub exports: Vec<(String, EnvValue, usize)>,
    /// The command that stays running (a server outlives the `migrate` before it), with its text
    /// and line.
    pub main: Option<(String, usize, Analysis)>,
    /// It hands over to its arguments (`exec "$@"`).
    pub runs_arguments: bool,
    /// `supervisord -c /etc/supervisord.conf`: the configurations (as the image names them)
    /// whose programs run, each with its line, in order (a script may pick one of several).
    pub supervisor_configs: Vec<(String, usize)>,
    /// The settings modules other Django commands name with `--settings` (`manage.py migrate
    /// --settings=X`), each with its command's text and line.
    pub settings_named: Vec<(String, String, usize)>,
}

/// How a start script's deployment says that its server runs the settings its management
/// commands name (see [`platform_settings`]).
pub const PLATFORM_SETTINGS_NOTE: &str = "the server names no settings module, while";

/// Reads a shell script.
pub fn read(text: &str) -> Script {
    let mut script = Script::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut best_rank = 0;
    for simple in shell::commands(text) {
        let words = &simple.words;
        let first = words.first().map(|w| w.text.as_str());
        if first == Some("export") || first == Some("readonly") || first == Some("declare") {
            for word in &words[1..] {
                if let Some((name, value)) = command::assignment(word) {
                    script.exports.push((name, value, simple.line));
                }
            }
            continue;
        }
        if words.iter().all(|w| command::assignment(w).is_some()) {
            for word in words {
                if let Some((name, value)) = command::assignment(word) {
                    script.exports.push((name, value, simple.line));
                }
            }
            continue;
        }
        if let Some(config) = supervisor_config(words) {
            script.supervisor_configs.push((config, simple.line));
        }
        let analysis = command::analyze_words(words);
        if analysis.runs_arguments {
            script.runs_arguments = true;
            continue;
        }
        if matches!(analysis.process, Process::Management(_) | Process::Build(_))
            && let Some((_, EnvValue::Literal(module))) = analysis
                .env
                .iter()
                .find(|(name, _)| name == super::SETTINGS_MODULE)
        {
            let text = logical_line(&lines, simple.line - 1);
            script
                .settings_named
                .push((module.clone(), text, simple.line));
        }
        let rank = command::rank(&analysis);
        if rank > best_rank {
            best_rank = rank;
            let text = logical_line(&lines, simple.line - 1);
            script.main = Some((text, simple.line, analysis));
        }
    }
    script
}

/// The command that starts at `lines[start]`, its backslash-continued lines joined with single
/// spaces as the shell joins them (`gunicorn app.wsgi \` then `--workers 4`).
fn logical_line(lines: &[&str], start: usize) -> String {
    let mut text = String::new();
    for line in lines.iter().skip(start) {
        let line = line.trim();
        match line.strip_suffix('\\') {
            Some(continued) => {
                text.push_str(continued.trim_end());
                text.push(' ');
            }
            None => {
                text.push_str(line);
                break;
            }
        }
    }
    text.trim_end().to_string()
}

/// The configuration file `[exec] supervisord ... -c FILE` (`--configuration FILE`,
/// `--configuration=FILE`, `-cFILE`) names.
fn supervisor_config(words: &[shell::Word]) -> Option<String> {
    let mut words = words
        .iter()
        .map(|w| w.text.as_str())
        .skip_while(|w| *w == "exec");
    let program = words.next()?;
    if program.rsplit('/').next() != Some("supervisord") {
        return None;
    }
    let mut rest = words;
    while let Some(word) = rest.next() {
        if word == "-c" || word == "--configuration" {
            return rest.next().map(str::to_string);
        }
        if let Some(value) = word
            .strip_prefix("--configuration=")
            .or_else(|| word.strip_prefix("-c").filter(|v| !v.is_empty()))
        {
            return Some(value.to_string());
        }
    }
    None
}

/// Whether a script's main command runs Django (a server, runserver, tests, a worker, a
/// management or build command).
pub fn runs_django(analysis: &Analysis) -> bool {
    !matches!(analysis.process, Process::NotDjango(_) | Process::Unknown)
}

/// The deployment a script describes, if it runs a Django process.
pub fn deployment(path: &Path, text: &str) -> Option<Deployment> {
    let script = read(text);
    let (command_text, line, analysis) = script.main.clone()?;
    if !runs_django(&analysis) {
        return None;
    }
    let role = match analysis.process {
        Process::Tests => Role::Test,
        Process::Build(_) => Role::Build,
        _ => Role::Runs,
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut deployment = Deployment::new(SourceKind::Shell, Origin::new(path, line), name, role);
    for (name, value, line) in &script.exports {
        deployment.set(name, value.clone(), Origin::new(path, *line));
    }
    if let Some((module, text, named_at)) = platform_settings(&script, &analysis) {
        let origin = Origin::new(path, named_at);
        deployment.set(
            super::SETTINGS_MODULE,
            EnvValue::Literal(module.to_string()),
            origin.clone(),
        );
        deployment.note(
            origin,
            format!(
                "{PLATFORM_SETTINGS_NOTE} `{text}` names `{module}`: the platform sets DJANGO_SETTINGS_MODULE to it"
            ),
        );
    }
    deployment.run(
        analysis.command(&command_text, Origin::new(path, line)),
        analysis.env,
    );
    Some(deployment)
}

/// The settings a script's server runs when the server names none (no `--settings`, no
/// `export DJANGO_SETTINGS_MODULE`) while the script's other Django commands all name the same
/// module (`python manage.py migrate --settings=config.settings.production`, then `exec
/// gunicorn config.wsgi`): a platform that runs the script sets the variable for its processes,
/// and the commands name what it is set to. The module, the command naming it and its line.
fn platform_settings<'s>(
    script: &'s Script,
    server: &Analysis,
) -> Option<(&'s str, &'s str, usize)> {
    let names_settings =
        |env: &[(String, EnvValue)]| env.iter().any(|(name, _)| name == super::SETTINGS_MODULE);
    if !matches!(server.process, Process::Server(_))
        || names_settings(&server.env)
        || script
            .exports
            .iter()
            .any(|(name, _, _)| name == super::SETTINGS_MODULE)
    {
        return None;
    }
    let (first, text, line) = script.settings_named.first()?;
    script
        .settings_named
        .iter()
        .all(|(module, _, _)| module == first)
        .then_some((first.as_str(), text.as_str(), *line))
}

/// Whether a text starts with a shell's `#!` line (a `bin/` file without an extension).
pub fn has_shell_shebang(text: &str) -> bool {
    let Some(first) = text.lines().next() else {
        return false;
    };
    let Some(interpreter) = first.strip_prefix("#!") else {
        return false;
    };
    let mut words = interpreter.split_whitespace();
    let program = words.next().unwrap_or_default();
    let program = if program.ends_with("/env") {
        words.find(|w| !w.starts_with('-')).unwrap_or_default()
    } else {
        program
    };
    matches!(
        program.rsplit('/').next().unwrap_or_default(),
        "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRYPOINT: &str = r#"#!/bin/bash
set -o errexit
set -o pipefail

if [ -z "${POSTGRES_USER}" ]; then
    base_postgres_image_default_user='postgres'
    export POSTGRES_USER="${base_postgres_image_default_user}"
fi
export DATABASE_URL="postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@${POSTGRES_HOST}:${POSTGRES_PORT}/${POSTGRES_DB}"
export DJANGO_SETTINGS_MODULE=config.settings.production

python manage.py migrate --noinput
python manage.py collectstatic --noinput

exec "$@"
"#;

    #[test]
    fn a_continued_command_is_shown_whole() {
        let script = read(
            "#!/bin/bash\ngunicorn shop.wsgi -b 0.0.0.0:8000 -w 4 \\\n    --timeout 30 \\\n  --env DJANGO_SETTINGS_MODULE=shop.settings.docker\necho done\n",
        );
        let (text, line, _) = script.main.expect("gunicorn is the main command");
        assert_eq!(
            text,
            "gunicorn shop.wsgi -b 0.0.0.0:8000 -w 4 --timeout 30 --env DJANGO_SETTINGS_MODULE=shop.settings.docker"
        );
        assert_eq!(line, 2);
    }

    #[test]
    fn an_entrypoint_that_hands_over_to_cmd() {
        let script = read(ENTRYPOINT);
        assert!(script.runs_arguments);
        let exports: Vec<(&str, Option<&str>, usize)> = script
            .exports
            .iter()
            .map(|(n, v, l)| (n.as_str(), v.literal(), *l))
            .collect();
        assert_eq!(
            exports,
            vec![
                ("base_postgres_image_default_user", Some("postgres"), 6),
                ("POSTGRES_USER", None, 7),
                ("DATABASE_URL", None, 9),
                (
                    "DJANGO_SETTINGS_MODULE",
                    Some("config.settings.production"),
                    10
                ),
            ]
        );
        let (_, line, main) = script.main.unwrap();
        assert_eq!(
            (line, main.process),
            (12, Process::Management("migrate".into()))
        );
    }

    #[test]
    fn a_start_script_is_a_deployment() {
        let text = "#!/bin/sh\nset -e\nexport DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-shop.settings.prod}\npython manage.py migrate\nexec gunicorn shop.wsgi:application \\\n  --bind 0.0.0.0:8000 --workers 3\n";
        let d = deployment(Path::new("bin/start.sh"), text).unwrap();
        let command = d.command.as_ref().unwrap();
        assert_eq!(command.process, Process::Server("gunicorn".into()));
        assert_eq!(command.app_module.as_deref(), Some("shop.wsgi"));
        assert_eq!(command.origin.line, 5);
        assert_eq!(d.role, Role::Runs);
        assert_eq!(
            d.settings_module().map(|(m, o)| (m, o.line)),
            Some(("shop.settings.prod", 3))
        );
    }

    #[test]
    fn a_server_runs_the_settings_its_management_commands_name() {
        let text = "#!/bin/bash\nset -e\npython manage.py migrate --settings=shop.settings.prod --noinput\nexec gunicorn shop.wsgi:application --bind 0.0.0.0:$PORT\n";
        let d = deployment(Path::new("start.sh"), text).unwrap();
        assert_eq!(
            d.settings_module().map(|(m, o)| (m, o.line)),
            Some(("shop.settings.prod", 3))
        );
        assert_eq!(d.command.as_ref().unwrap().origin.line, 4);
        assert_eq!(d.notes.len(), 1);
        assert!(d.notes[0].message.starts_with(PLATFORM_SETTINGS_NOTE));
        // Commands that disagree say nothing; nor does a server that names its own settings.
        let disagree = "python manage.py migrate --settings=shop.settings.prod\npython manage.py collectstatic --settings=shop.settings.build\ngunicorn shop.wsgi\n";
        let d = deployment(Path::new("start.sh"), disagree).unwrap();
        assert_eq!(d.settings_module(), None);
        let own = "python manage.py migrate --settings=shop.settings.prod\ngunicorn shop.wsgi --env DJANGO_SETTINGS_MODULE=shop.settings.live\n";
        let d = deployment(Path::new("start.sh"), own).unwrap();
        assert_eq!(d.settings_module().unwrap().0, "shop.settings.live");
        assert!(d.notes.is_empty());
    }

    #[test]
    fn scripts_that_run_no_django_are_not_deployments() {
        assert!(
            deployment(
                Path::new("deploy.sh"),
                "#!/bin/bash\nrsync -av . server:/srv\nssh server 'systemctl restart app'\n"
            )
            .is_none()
        );
        assert!(deployment(Path::new("build.sh"), "npm ci\nnpm run build\n").is_none());
        let tests = deployment(
            Path::new("runtests.sh"),
            "#!/bin/sh\npython manage.py test --settings=shop.settings.test \"$@\"\n",
        )
        .unwrap();
        assert_eq!(tests.role, Role::Test);
        assert_eq!(tests.settings_module().unwrap().0, "shop.settings.test");
    }

    #[test]
    fn shebangs() {
        for (text, shell) in [
            ("#!/bin/sh\n", true),
            ("#!/usr/bin/env bash\nset -e", true),
            ("#!/usr/bin/env -S bash -e\n", true),
            ("#!/usr/bin/env python\n", false),
            ("#!/usr/bin/python3\n", false),
            ("echo hi\n", false),
            ("", false),
        ] {
            assert_eq!(has_shell_shebang(text), shell, "{text}");
        }
    }
}
