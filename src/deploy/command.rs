//! What a command line runs: wrappers skipped (`sh -c`, `exec`, `newrelic-admin run-program`,
//! `poetry run`...), a chain reduced to the process that stays (`migrate && gunicorn` runs
//! gunicorn), the program classified into a [`Process`], the WSGI/ASGI module a server loads,
//! and the variables the command sets itself (`VAR=x cmd`, `--settings=`, `gunicorn --env`).

use super::model::{CONFIGURATION, Command, EnvValue, Origin, Process, SETTINGS_MODULE};
use super::shell::{self, Word};

/// What one command (a whole chain) runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    pub process: Process,
    pub app_module: Option<String>,
    /// Variables the command sets for the process it runs, in order: `export`s earlier in the
    /// chain, `VAR=x` prefixes, `--settings`, `--configuration`, `--ds`, `--env K=V`.
    pub env: Vec<(String, EnvValue)>,
    /// A config file the server is told to read (`gunicorn -c`, `uwsgi --ini`), as written.
    pub config_file: Option<String>,
    /// A script the command runs (`sh entrypoint.sh`, `./start.sh`, `/start`), as written: what
    /// it runs is in that file.
    pub script: Option<String>,
    /// It ends with `exec "$@"`: the process is the arguments it is given (a Docker `CMD`).
    pub runs_arguments: bool,
}

impl Analysis {
    /// The [`Command`] a deployment runs, written as `text` at `origin`.
    pub fn command(&self, text: &str, origin: Origin) -> Command {
        Command {
            text: text.trim().to_string(),
            origin,
            process: self.process.clone(),
            app_module: self.app_module.clone(),
        }
    }

    fn unknown() -> Analysis {
        Analysis {
            process: Process::Unknown,
            app_module: None,
            env: Vec::new(),
            config_file: None,
            script: None,
            runs_arguments: false,
        }
    }
}

/// `sh -c` strings inside `sh -c` strings: deeper than anyone writes.
const MAX_NESTING: usize = 4;

/// A shell command line (Dockerfile shell form, Procfile entry, script text).
pub fn analyze_shell(text: &str) -> Analysis {
    analyze_chain(text, 0)
}

/// An exec-form command (`["gunicorn", "app.wsgi"]`): no shell, so no operators or quoting.
/// An argument list with shell operators (compose `command: manage.py migrate && manage.py
/// runserver`, which compose does not run through a shell) says what its author meant to run,
/// so it is read as the chain it was written as.
pub fn analyze_argv(argv: &[String]) -> Analysis {
    if argv.iter().any(|w| matches!(w.as_str(), "&&" | "||" | ";")) {
        return analyze_chain(&argv.join(" "), 0);
    }
    let words: Vec<Word> = argv
        .iter()
        .map(|text| Word {
            text: text.clone(),
            // Exec form expands nothing, but a `$` still means the author expected it to.
            expands: text.contains('$'),
        })
        .collect();
    analyze_words_at(&words, 0)
}

fn analyze_chain(text: &str, depth: usize) -> Analysis {
    let mut exported: Vec<(String, EnvValue)> = Vec::new();
    let mut best: Option<Analysis> = None;
    for command in shell::commands(text) {
        let words = &command.words;
        match words.first().map(|w| w.text.as_str()) {
            Some("export") => {
                exported.extend(words[1..].iter().filter_map(assignment));
                continue;
            }
            // `NAME=value` alone sets a shell variable; scripts export it later or run with `set -a`.
            Some(_) if words.iter().all(|w| assignment(w).is_some()) => {
                exported.extend(words.iter().filter_map(assignment));
                continue;
            }
            _ => {}
        }
        let analysis = analyze_words_at(words, depth);
        if best
            .as_ref()
            .is_none_or(|b| rank(&analysis) >= rank(b) && rank(&analysis) > 0)
        {
            best = Some(analysis);
        }
    }
    let mut best = best.unwrap_or_else(Analysis::unknown);
    exported.append(&mut best.env);
    best.env = exported;
    best
}

/// Which command of a chain is the deployment's process: a server outlives a `migrate` before
/// it, and `exec "$@"` hands over to the arguments.
pub fn rank(analysis: &Analysis) -> u8 {
    if analysis.runs_arguments {
        return 7;
    }
    match analysis.process {
        Process::Server(_) => 8,
        Process::DevServer => 6,
        Process::Worker(_) => 5,
        Process::Tests => 4,
        Process::Management(_) => 3,
        Process::Build(_) => 2,
        Process::NotDjango(_) => 1,
        Process::Unknown if analysis.script.is_some() => 1,
        Process::Unknown => 0,
    }
}

/// `NAME=value`: a variable assignment word.
pub fn assignment(word: &Word) -> Option<(String, EnvValue)> {
    let (name, value) = word.text.split_once('=')?;
    let valid = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then(|| (name.to_string(), env_value(value, word.expands)))
}

fn env_value(value: &str, expands: bool) -> EnvValue {
    // `${NAME:-default}` alone: the default, unless the environment sets NAME (as compose and
    // Dockerfile defaults are read).
    if let Some(default) = value
        .strip_prefix("${")
        .and_then(|v| v.strip_suffix('}'))
        .and_then(|inner| {
            let name_len = inner
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(inner.len());
            let rest = &inner[name_len..];
            (name_len > 0)
                .then(|| rest.strip_prefix(":-").or_else(|| rest.strip_prefix('-')))
                .flatten()
        })
        .filter(|default| !default.contains(['$', '`']))
    {
        return EnvValue::Literal(default.to_string());
    }
    if expands {
        EnvValue::Unknown(format!("set from the shell expansion `{value}`"))
    } else {
        EnvValue::Literal(value.to_string())
    }
}

fn program_name(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

/// One simple command's words (no operators).
pub fn analyze_words(words: &[Word]) -> Analysis {
    analyze_words_at(words, 0)
}

fn analyze_words_at(words: &[Word], depth: usize) -> Analysis {
    let mut env = Vec::new();
    let mut rest = words;
    // Each pass removes one wrapper; the bound is the number of words.
    for _ in 0..=words.len() {
        while let Some((first, tail)) = rest.split_first() {
            match assignment(first) {
                Some(set) => {
                    env.push(set);
                    rest = tail;
                }
                None => break,
            }
        }
        let Some(first) = rest.first() else {
            return Analysis::unknown();
        };
        let program = program_name(&first.text);
        let after = &rest[1..];
        rest = match program {
            "exec" | "nohup" | "time" | "command" | "builtin" | "nice" | "then" | "else" | "do"
            | "!" => after,
            "env" => skip_options(after, &["-u", "--unset", "-C", "--chdir", "-S"]),
            "gosu" | "su-exec" | "chpst" | "setuidgid" | "s6-setuidgid" => {
                after.get(1..).unwrap_or(&[])
            }
            "sudo" | "runuser" => skip_options(after, &["-u", "-g", "-H", "--user", "--group"]),
            "tini" | "dumb-init" | "tini-static" | "catatonit" => skip_options(after, &[]),
            "newrelic-admin" if after.first().is_some_and(|w| w.text == "run-program") => {
                &after[1..]
            }
            "ddtrace-run" | "scout-apm" => after,
            // Heroku buildpacks' wrappers (nginx, pgbouncer, stunnel in front of the app) start
            // their helper and run their arguments.
            "start-nginx"
            | "start-nginx-solo"
            | "start-pgbouncer"
            | "start-pgbouncer-stunnel"
            | "start-stunnel"
                if first.text.starts_with("bin/") || first.text.starts_with("./bin/") =>
            {
                after
            }
            "opentelemetry-instrument" => skip_options(after, &[]),
            "poetry" | "pipenv" | "pdm" | "hatch" | "rye" | "pixi"
                if after.first().is_some_and(|w| w.text == "run") =>
            {
                skip_options(&after[1..], &["-e", "--env", "-p", "--project"])
            }
            "uv" if after.first().is_some_and(|w| w.text == "run") => skip_options(
                &after[1..],
                &[
                    "--with",
                    "--extra",
                    "--group",
                    "--env-file",
                    "--python",
                    "-p",
                    "--directory",
                    "--project",
                    "--package",
                    "--only-group",
                ],
            ),
            "coverage" if after.first().is_some_and(|w| w.text == "run") => {
                let mut tail = &after[1..];
                while let Some((first, more)) = tail.split_first() {
                    if first.text == "-m" || !first.text.starts_with('-') {
                        break;
                    }
                    let with_value = ["--rcfile", "--source", "--omit", "--include", "--context"];
                    tail = if with_value.contains(&first.text.as_str()) {
                        more.get(1..).unwrap_or(&[])
                    } else {
                        more
                    };
                }
                return coverage_run(tail, env, depth);
            }
            // Wrappers that run what follows `--`.
            "wait-for-it" | "wait-for-it.sh" | "wait-for" | "wait-for.sh" | "dockerize"
            | "doppler" | "infisical" | "op" | "dotenv" | "aws-vault" | "chamber" => {
                match after.iter().position(|w| w.text == "--") {
                    Some(at) => &after[at + 1..],
                    None => return with_env(Analysis::unknown(), env),
                }
            }
            "sh" | "bash" | "ash" | "dash" | "zsh" => {
                return with_env(shell_invocation(after, depth), env);
            }
            _ => return with_env(classify(rest, depth), env),
        };
    }
    with_env(Analysis::unknown(), env)
}

fn with_env(mut analysis: Analysis, mut env: Vec<(String, EnvValue)>) -> Analysis {
    env.append(&mut analysis.env);
    analysis.env = env;
    analysis
}

/// Options (and the values of those in `with_value`) before the wrapped command, and a `--`.
fn skip_options<'w>(words: &'w [Word], with_value: &[&str]) -> &'w [Word] {
    let mut rest = words;
    while let Some((first, tail)) = rest.split_first() {
        if first.text == "--" {
            return tail;
        }
        if !first.text.starts_with('-') {
            break;
        }
        rest = if with_value.contains(&first.text.as_str()) {
            tail.get(1..).unwrap_or(&[])
        } else {
            tail
        };
    }
    rest
}

/// `sh -c "..."` runs the string; `sh script.sh` runs a script.
fn shell_invocation(words: &[Word], depth: usize) -> Analysis {
    let mut rest = words;
    while let Some((first, tail)) = rest.split_first() {
        if first.text == "-c" {
            return match tail.first() {
                Some(script) if depth < MAX_NESTING => analyze_chain(&script.text, depth + 1),
                _ => Analysis::unknown(),
            };
        }
        if first.text.starts_with('-') {
            // `-ec`, `-xc`: combined flags ending in c.
            if first.text.len() > 1 && first.text.ends_with('c') && !first.text.starts_with("--") {
                return match tail.first() {
                    Some(script) if depth < MAX_NESTING => analyze_chain(&script.text, depth + 1),
                    _ => Analysis::unknown(),
                };
            }
            rest = tail;
            continue;
        }
        let mut analysis = Analysis::unknown();
        analysis.script = Some(first.text.clone());
        return analysis;
    }
    Analysis::unknown()
}

/// `coverage run manage.py test` runs Python on its arguments.
fn coverage_run(words: &[Word], env: Vec<(String, EnvValue)>, depth: usize) -> Analysis {
    let mut argv = vec![Word {
        text: "python".into(),
        expands: false,
    }];
    argv.extend_from_slice(words);
    with_env(classify(&argv, depth), env)
}

fn classify(words: &[Word], depth: usize) -> Analysis {
    let Some(first) = words.first() else {
        return Analysis::unknown();
    };
    let program = program_name(&first.text);
    let args = &words[1..];
    if program.starts_with("python") || program == "pypy3" {
        return python(args, depth);
    }
    if program == "manage.py" || program == "django-admin" || program == "django-admin.py" {
        return management(args);
    }
    if first.text == "$@" {
        let mut analysis = Analysis::unknown();
        analysis.runs_arguments = true;
        return analysis;
    }
    if let Some(server) = super::servers::server(program, args) {
        return server;
    }
    let mut analysis = Analysis::unknown();
    analysis.process = match program {
        "celery" | "celeryd" | "dramatiq" | "huey_consumer" | "huey_consumer.py" => {
            Process::Worker(program.to_string())
        }
        "pytest" | "py.test" | "tox" | "nox" => {
            analysis.env = test_options(args);
            Process::Tests
        }
        "sphinx-build" | "mkdocs" => Process::Build(program.to_string()),
        _ if NOT_DJANGO.contains(&program) => Process::NotDjango(program.to_string()),
        // `./start.sh`, `/entrypoint`, `bin/web`: a script whose content says what runs.
        _ if first.text.contains('/') || first.text.ends_with(".sh") => {
            analysis.script = Some(first.text.clone());
            Process::Unknown
        }
        _ => Process::Unknown,
    };
    analysis
}

/// Programs that never load Django settings: databases, caches, proxies, front-end tooling.
pub const NOT_DJANGO: &[&str] = &[
    "nginx",
    "postgres",
    "postgresql",
    "psql",
    "pg_dump",
    "redis-server",
    "redis-cli",
    "memcached",
    "mysqld",
    "mariadbd",
    "mongod",
    "rabbitmq-server",
    "node",
    "npm",
    "npx",
    "yarn",
    "pnpm",
    "bun",
    "deno",
    "caddy",
    "traefik",
    "haproxy",
    "httpd",
    "apache2",
    "apachectl",
    "mailhog",
    "MailHog",
    "mailpit",
    "maildev",
    "elasticsearch",
    "minio",
    "java",
    "ruby",
    "rails",
    "php",
    "php-fpm",
    "flask",
    "streamlit",
    "jupyter",
    "cron",
    "crond",
    "sleep",
    "echo",
    "cat",
    "tail",
    "true",
    "envoy",
    "varnishd",
    "webpack",
    "vite",
    "ngrok",
    "localstack",
];

fn python(args: &[Word], depth: usize) -> Analysis {
    let mut rest = args;
    while let Some((first, tail)) = rest.split_first() {
        match first.text.as_str() {
            "-m" => {
                let Some((module, tail)) = tail.split_first() else {
                    return Analysis::unknown();
                };
                let mut argv = vec![Word {
                    text: match module.text.as_str() {
                        "django" => "django-admin".to_string(),
                        other => other.to_string(),
                    },
                    expands: module.expands,
                }];
                argv.extend_from_slice(tail);
                return classify(&argv, depth);
            }
            "-c" => return Analysis::unknown(),
            "-W" | "-X" => rest = tail.get(1..).unwrap_or(&[]),
            option if option.starts_with('-') => rest = tail,
            script if program_name(script) == "manage.py" => return management(tail),
            script => {
                let mut analysis = Analysis::unknown();
                analysis.script = Some(script.to_string());
                return analysis;
            }
        }
    }
    Analysis::unknown()
}

/// `manage.py <command> [options]`: the command says the process, `--settings` and
/// django-configurations' `--configuration` say the environment.
fn management(args: &[Word]) -> Analysis {
    let mut analysis = Analysis::unknown();
    let mut command: Option<&str> = None;
    let mut rest = args;
    while let Some((first, tail)) = rest.split_first() {
        rest = tail;
        if let Some((name, value, consumed)) =
            option_value(first, tail, &["--settings", "--configuration"])
        {
            let variable = if name == "--settings" {
                SETTINGS_MODULE
            } else {
                CONFIGURATION
            };
            analysis.env.push((variable.to_string(), value));
            rest = &tail[consumed..];
            continue;
        }
        if command.is_none() && !first.text.starts_with('-') {
            command = Some(first.text.as_str());
        }
    }
    analysis.process = match command {
        None => Process::Management("help".into()),
        Some(name) => management_process(name),
    };
    analysis
}

pub fn management_process(name: &str) -> Process {
    match name {
        "runserver" | "runserver_plus" | "runsslserver" | "testserver" | "devserver" => {
            Process::DevServer
        }
        "test" | "harvest" | "behave" => Process::Tests,
        "collectstatic"
        | "compilemessages"
        | "compress"
        | "assets"
        | "collectstatic_js_reverse"
        | "spectacular"
        | "graphql_schema"
        | "generateschema"
        | "tailwind"
        | "webpack" => Process::Build(name.to_string()),
        "rqworker" | "rqscheduler" | "qcluster" | "process_tasks" | "run_huey" | "celery"
        | "celeryd" | "celery_worker" | "db_worker" | "runworker" | "worker" | "procrastinate" => {
            Process::Worker(name.to_string())
        }
        other => Process::Management(other.to_string()),
    }
}

/// pytest-django's `--ds`/`--dc`.
fn test_options(args: &[Word]) -> Vec<(String, EnvValue)> {
    let mut env = Vec::new();
    let mut rest = args;
    while let Some((first, tail)) = rest.split_first() {
        rest = tail;
        if let Some((name, value, consumed)) = option_value(first, tail, &["--ds", "--dc"]) {
            let variable = if name == "--ds" {
                SETTINGS_MODULE
            } else {
                CONFIGURATION
            };
            env.push((variable.to_string(), value));
            rest = &tail[consumed..];
        }
    }
    env
}

/// `--name=value` or `--name value` for one of `names`: the name, the value, and how many of
/// the following words it used.
pub fn option_value(
    word: &Word,
    following: &[Word],
    names: &[&'static str],
) -> Option<(&'static str, EnvValue, usize)> {
    for &name in names {
        if let Some(value) = word
            .text
            .strip_prefix(name)
            .and_then(|r| r.strip_prefix('='))
        {
            return Some((name, env_value(value, word.expands), 0));
        }
        if word.text == name {
            let next = following.first()?;
            return Some((name, env_value(&next.text, next.expands), 1));
        }
    }
    None
}

#[cfg(test)]
#[path = "command_tests.rs"]
mod tests;

/// Runs a shell command line on `deployment` (a Procfile entry, a platform's start command).
pub fn run_shell(deployment: &mut super::model::Deployment, text: &str, origin: Origin) {
    let analysis = analyze_shell(text);
    deployment.run(analysis.command(text, origin), analysis.env);
}
