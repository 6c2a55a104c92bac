//! The command lines of WSGI/ASGI servers: which application module they load and the variables
//! they set (`gunicorn --env`, `uwsgi --env`), from their documented options.

use super::command::{Analysis, option_value};
use super::model::{EnvValue, Process};
use super::shell::Word;

/// The options of a server that take no value; any other option is read as taking one (unless
/// written `--name=value`), so the application is the first word left.
struct ServerOptions {
    flags: &'static [&'static str],
}

const GUNICORN: ServerOptions = ServerOptions {
    flags: &[
        "--reload",
        "--preload",
        "--daemon",
        "-D",
        "--capture-output",
        "--enable-stdio-inheritance",
        "--check-config",
        "--print-config",
        "--spew",
        "--no-sendfile",
        "--reuse-port",
        "-R",
        "--strip-header-spaces",
        "--disable-redirect-access-to-syslog",
        "--paste",
        "--version",
        "-v",
        "--help",
        "-h",
        "--suppress-ragged-eofs",
        "--do-handshake-on-connect",
        "--proxy-protocol",
        "--initgroups",
    ],
};

const ASGI: ServerOptions = ServerOptions {
    flags: &[
        "--reload",
        "--proxy-headers",
        "--no-proxy-headers",
        "--no-access-log",
        "--access-log",
        "--use-colors",
        "--no-use-colors",
        "--factory",
        "--no-server-header",
        "--no-date-header",
        "--server-header",
        "--date-header",
        "--debug",
        "--verbose",
        "-v",
        "--version",
        "--h11-max-incomplete-event-size",
        "--websocket",
        "--no-ws",
        "--http2",
        "--no-ws-per-message-deflate",
        "--reload-include",
        "--ws-per-message-deflate",
    ],
};

/// The analysis of a server command, or None when `program` is not a WSGI/ASGI server.
pub fn server(program: &str, args: &[Word]) -> Option<Analysis> {
    let name = match program {
        "gunicorn" | "gunicorn_django" => "gunicorn",
        "uwsgi" | "uWSGI" => "uwsgi",
        "daphne" => "daphne",
        "uvicorn" => "uvicorn",
        "hypercorn" => "hypercorn",
        "granian" => "granian",
        "waitress-serve" => "waitress-serve",
        "mod_wsgi-express" => "mod_wsgi-express",
        "bjoern" | "meinheld" | "cheroot" => program,
        _ => return None,
    };
    let mut analysis = Analysis {
        process: Process::Server(name.to_string()),
        app_module: None,
        env: Vec::new(),
        config_file: None,
        script: None,
        runs_arguments: false,
    };
    match name {
        "uwsgi" => uwsgi(args, &mut analysis),
        "mod_wsgi-express" => {
            // `mod_wsgi-express start-server mysite/wsgi.py`
            analysis.app_module = args
                .iter()
                .skip_while(|w| w.text != "start-server" && w.text != "setup-server")
                .skip(1)
                .find(|w| !w.text.starts_with('-'))
                .and_then(|w| module_of_path(&w.text, w.expands));
        }
        _ => {
            let options = if name == "gunicorn" { &GUNICORN } else { &ASGI };
            positional_server(args, options, &mut analysis);
        }
    }
    Some(analysis)
}

fn positional_server(args: &[Word], options: &ServerOptions, analysis: &mut Analysis) {
    let mut rest = args;
    while let Some((first, tail)) = rest.split_first() {
        rest = tail;
        if let Some((_, value, used)) = option_value(first, tail, &["--env", "-e"]) {
            analysis.env.extend(env_pair(value));
            rest = &tail[used..];
            continue;
        }
        if let Some((_, value, used)) = option_value(first, tail, &["--config", "-c"]) {
            analysis.config_file = value.literal().map(str::to_string);
            rest = &tail[used..];
            continue;
        }
        // `-eKEY=VALUE`: gunicorn's short option glued to its value.
        if let Some(pair) = first.text.strip_prefix("-e").filter(|p| p.contains('=')) {
            let value = if first.expands {
                EnvValue::Unknown(format!("set from the shell expansion `{pair}`"))
            } else {
                EnvValue::Literal(pair.to_string())
            };
            analysis.env.extend(env_pair(value));
            continue;
        }
        if first.text.starts_with('-') {
            let takes_value = !first.text.contains('=')
                && !options.flags.contains(&first.text.as_str())
                // `-w4`, `-b:8000`: a short option glued to its value.
                && (first.text.len() <= 2 || first.text.starts_with("--"));
            if takes_value {
                rest = tail.get(1..).unwrap_or(&[]);
            }
            continue;
        }
        if analysis.app_module.is_none() {
            analysis.app_module = app_module(&first.text, first.expands);
        }
    }
}

fn uwsgi(args: &[Word], analysis: &mut Analysis) {
    let mut rest = args;
    while let Some((first, tail)) = rest.split_first() {
        rest = tail;
        let Some((name, value, used)) = option_value(
            first,
            tail,
            &[
                "--module",
                "-w",
                "--wsgi",
                "--wsgi-file",
                "--file",
                "--env",
                "--ini",
                "--yaml",
                "--json",
            ],
        ) else {
            // A lone config file (`uwsgi uwsgi.ini`) is read by its extension.
            if !first.text.starts_with('-') && first.text.ends_with(".ini") {
                analysis.config_file = Some(first.text.clone());
            }
            continue;
        };
        rest = &tail[used..];
        let Some(text) = value.literal() else {
            continue;
        };
        match name {
            "--module" | "-w" | "--wsgi" => analysis.app_module = app_module(text, false),
            "--wsgi-file" | "--file" => analysis.app_module = module_of_path(text, false),
            "--env" => analysis.env.extend(env_pair(value)),
            _ => analysis.config_file = Some(text.to_string()),
        }
    }
}

/// `KEY=VALUE` given to `--env`.
fn env_pair(value: EnvValue) -> Option<(String, EnvValue)> {
    match value {
        EnvValue::Literal(pair) => {
            let (key, value) = pair.split_once('=')?;
            Some((key.to_string(), EnvValue::Literal(value.to_string())))
        }
        EnvValue::Unknown(reason) => {
            // `--env DJANGO_SETTINGS_MODULE=$SETTINGS`: the name is still known.
            let pair = reason.split('`').nth(1)?;
            let key = pair.split_once('=')?.0.to_string();
            let valid =
                !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            valid.then_some((key, EnvValue::Unknown(reason)))
        }
    }
}

/// `mysite.wsgi:application` → `mysite.wsgi`; `mysite/wsgi.py` → `mysite.wsgi`.
pub fn app_module(spec: &str, expands: bool) -> Option<String> {
    if expands {
        return None;
    }
    let module = spec.split(':').next()?;
    if module.contains('/') || module.ends_with(".py") {
        return module_of_path(module, false);
    }
    is_dotted_name(module).then(|| module.to_string())
}

/// A Python file's path as a dotted module, relative paths only (`./mysite/wsgi.py`).
pub fn module_of_path(path: &str, expands: bool) -> Option<String> {
    if expands {
        return None;
    }
    let path = path.trim_start_matches("./");
    let stem = path.strip_suffix(".py").unwrap_or(path);
    // An absolute path (`/app/mysite/wsgi.py`) keeps its last two parts: the package and module.
    let parts: Vec<&str> = stem.split('/').filter(|p| !p.is_empty()).collect();
    let parts = if path.starts_with('/') && parts.len() > 2 {
        &parts[parts.len() - 2..]
    } else {
        &parts[..]
    };
    let module = parts.join(".");
    is_dotted_name(&module).then_some(module)
}

pub fn is_dotted_name(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}
