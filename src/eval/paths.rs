//! `pathlib.Path` and `os.path` on the paths settings build from `__file__` (BASE_DIR): string
//! operations, as on a POSIX system; `resolve()` normalizes `..` without following links.
//! Whether a path exists is a question about the machine, answered in `files.rs`.

use super::value::Args;
use super::value::{Kind, Value};
use crate::source::Span;

/// The text of a path-like value (`str` or `Path`).
pub fn text(value: &Value) -> Option<&str> {
    match &value.kind {
        Kind::Str(s) | Kind::Path(s) => Some(s),
        _ => None,
    }
}

/// `a / b`, `os.path.join(a, b)`: a later absolute part replaces what came before.
pub fn join(parts: &[&str]) -> String {
    let mut joined = String::new();
    for part in parts {
        if part.starts_with('/') || joined.is_empty() {
            joined = part.to_string();
        } else if joined.ends_with('/') {
            joined.push_str(part);
        } else {
            joined.push('/');
            joined.push_str(part);
        }
    }
    joined
}

/// `os.path.normpath`: `.` and `..` components folded, no trailing slash.
pub fn normalize(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

pub fn dirname(path: &str) -> String {
    match path.rfind('/') {
        Some(0) => "/".into(),
        Some(i) => path[..i].trim_end_matches('/').to_string().max("/".into()),
        None => String::new(),
    }
}

fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `Path.parent`, `Path.name`, ...: attributes that are values, not methods.
pub fn property(object: &Value, name: &str) -> Option<Value> {
    let Kind::Path(path) = &object.kind else {
        return None;
    };
    let value = match name {
        "parent" => Value::new(Kind::Path(path_parent(path).into()), object.origin),
        "name" => Value::str(basename(path), object.origin),
        "stem" => Value::str(
            basename(path)
                .rsplit_once('.')
                .map_or(basename(path), |(s, _)| s),
            object.origin,
        ),
        "suffix" => Value::str(
            basename(path)
                .rsplit_once('.')
                .map_or("", |(_, e)| e)
                .to_string()
                .as_str(),
            object.origin,
        ),
        _ => return None,
    };
    Some(value.with_env(&object.env))
}

fn path_parent(path: &str) -> String {
    let parent = dirname(path);
    if parent.is_empty() {
        ".".into()
    } else {
        parent
    }
}

/// `Path.resolve()`, `Path.joinpath(...)` and friends.
pub fn method(path: &str, method: &str, args: &Args, span: Span) -> Option<Value> {
    let result = match method {
        "resolve" | "absolute" | "expanduser" => Kind::Path(normalize(path).into()),
        "joinpath" => {
            let parts: Option<Vec<&str>> = std::iter::once(Some(path))
                .chain(args.positional.iter().map(text))
                .collect();
            Kind::Path(join(&parts?).into())
        }
        "as_posix" | "__str__" => Kind::Str(path.into()),
        _ => return None,
    };
    Some(Value::new(result, span))
}

/// `Path(...)` and the `os.path` functions.
pub fn call(function: &str, args: &Args, span: Span) -> Option<Value> {
    let parts: Option<Vec<&str>> = args.positional.iter().map(text).collect();
    let first = args.positional.first().and_then(text);
    let kind = match function {
        "pathlib.Path" | "pathlib.PurePath" | "pathlib.PosixPath" => {
            Kind::Path(join(&parts?).into())
        }
        "os.path.join" => Kind::Str(join(&parts?).into()),
        "os.path.dirname" => Kind::Str(dirname(first?).into()),
        "os.path.basename" => Kind::Str(basename(first?).into()),
        "os.path.abspath" | "os.path.realpath" | "os.path.normpath" => {
            Kind::Str(normalize(first?).into())
        }
        "os.fspath" | "builtins.str" => Kind::Str(first?.into()),
        _ => return None,
    };
    let env = args
        .positional
        .iter()
        .fold(super::value::EnvDeps::default(), |env, a| {
            super::value::union(&env, &a.env)
        });
    Some(Value::new(kind, span).with_env(&env))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_path_semantics() {
        assert_eq!(join(&["/srv/app", "static"]), "/srv/app/static");
        assert_eq!(join(&["/srv/app/", "/etc"]), "/etc");
        assert_eq!(
            normalize("/srv/app/settings/../media/./x"),
            "/srv/app/media/x"
        );
        assert_eq!(normalize("a/../.."), "..");
        assert_eq!(dirname("/srv/app/settings.py"), "/srv/app");
        assert_eq!(dirname("/settings.py"), "/");
        assert_eq!(path_parent("settings.py"), ".");
    }
}
