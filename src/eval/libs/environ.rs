//! django-environ: `environ.Env` with its scheme (`Env(DEBUG=(bool, False))`), smart casting
//! from the default's type, `Env.parse_value`'s casts, and `read_env`'s `.env` format.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::database_url;
use crate::eval::value::{Args, Instance, Kind, Object, Value};
use crate::eval::{Frame, Run};
use crate::source::Span;

/// django-environ's `Env.BOOLEAN_TRUE_STRINGS`.
const ENVIRON_TRUE: &[&str] = &["true", "on", "ok", "y", "yes", "1"];

impl<'p> Run<'p> {
    /// django-environ's `Env.get_value`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn environ_value(
        &mut self,
        frame: &mut Frame,
        instance: &Instance,
        var: Option<&Value>,
        mut cast: Option<Value>,
        mut default: Option<Value>,
        parse_default: bool,
        span: Span,
    ) -> Value {
        let Some(name) = var.and_then(Value::as_str).map(str::to_string) else {
            return Value::unknown(
                "django-environ read with a variable name djsafe cannot read",
                span,
            );
        };
        let prefix = instance
            .keyword("prefix")
            .and_then(Value::as_str)
            .unwrap_or("");
        let full = format!("{prefix}{name}");
        // The scheme given to `Env(...)`: `DEBUG=(bool, False)` or `DEBUG=bool`.
        if let Some(scheme) = instance.keyword(&full) {
            match scheme.items().as_deref() {
                Some([scheme_cast, scheme_default]) if matches!(scheme.kind, Kind::Tuple(_)) => {
                    cast = cast.or(Some(scheme_cast.clone()));
                    default = default.or(Some(scheme_default.clone()));
                }
                _ => cast = cast.or(Some(scheme.clone())),
            }
        }
        let deps = self.env_deps(&full);
        let read = self.env_read_as(&full, bool_table(cast.as_ref(), default.as_ref()));
        let value = match read {
            crate::eval::EnvRead::SetUnknown => {
                return Value::new(Kind::FromEnv(full.into()), span).with_env(&deps);
            }
            crate::eval::EnvRead::Set(raw) => Value::str(&raw, span),
            crate::eval::EnvRead::Unset => match &default {
                Some(default) => default.clone(),
                None if frame.handles("ImproperlyConfigured") => {
                    self.raised = Some("ImproperlyConfigured");
                    return Value::unknown(
                        format!("{full} is unset: django-environ raises ImproperlyConfigured"),
                        span,
                    )
                    .with_env(&deps);
                }
                None => return Value::new(Kind::FromEnv(full.into()), span).with_env(&deps),
            },
        };
        // Smart casting: without a cast, the default's type is the cast.
        if cast.is_none()
            && let Some(d) = default.as_ref().filter(|d| !matches!(d.kind, Kind::None))
        {
            cast = type_of(d, span);
        }
        let value = match (&default, value.as_str()) {
            (Some(d), Some("")) if matches!(d.kind, Kind::None) => Value::new(Kind::None, span),
            _ => value,
        };
        let same_as_default = default.as_ref().is_some_and(|d| *d == value);
        let value = if !same_as_default || (parse_default && !matches!(value.kind, Kind::None)) {
            match cast {
                Some(cast) => self.environ_parse(frame, value, &cast, span),
                None => value,
            }
        } else {
            value
        };
        value.with_env(&deps)
    }

    /// django-environ's `Env.parse_value`.
    pub(super) fn environ_parse(
        &mut self,
        frame: &mut Frame,
        value: Value,
        cast: &Value,
        span: Span,
    ) -> Value {
        let Some(text) = value.as_str().map(str::to_string) else {
            return self.apply_cast(frame, cast, value, span);
        };
        let items = |text: &str| -> Vec<Value> {
            text.split(',')
                .filter(|s| !s.is_empty())
                .map(|s| Value::str(s, value.origin))
                .collect()
        };
        match &cast.kind {
            Kind::External(path) if &**path == "builtins.bool" => {
                Value::new(Kind::Bool(environ_truth(&text)), span)
            }
            Kind::External(path) if &**path == "builtins.list" => {
                Value::new(Kind::List(Object::new(items(&text))), span)
            }
            Kind::External(path) if &**path == "builtins.tuple" => {
                let inner = text.trim_start_matches('(').trim_end_matches(')');
                Value::new(Kind::tuple(items(inner)), span)
            }
            Kind::External(path) if &**path == "builtins.dict" => {
                let mut pairs = Vec::new();
                for entry in text.split(',').filter(|s| !s.is_empty()) {
                    let Some((k, v)) = entry.split_once('=') else {
                        self.raised = Some("ValueError");
                        return Value::unknown(
                            format!("dict cast of {text:?} raises ValueError"),
                            span,
                        );
                    };
                    crate::eval::ops::dict_insert(
                        &mut pairs,
                        Value::str(k, span),
                        Value::str(v, span),
                    );
                }
                Value::new(Kind::Dict(Object::new(pairs)), span)
            }
            // The parts point at the URL's literal (a default), where a finding belongs.
            Kind::External(path) if &**path == "environ.db_url" => {
                database_url(&text, value.origin)
            }
            Kind::External(path) if &**path == "environ.cache_url" => {
                let parsed = crate::eval::url_configs::environ_cache_url(&text, value.origin);
                self.raise_or(parsed, span)
            }
            Kind::External(path) if &**path == "environ.email_url" => {
                let parsed = crate::eval::url_configs::environ_email_url(&text, value.origin);
                self.raise_or(parsed, span)
            }
            Kind::List(_) | Kind::Tuple(_) if cast.items().is_some_and(|c| c.len() == 1) => {
                let item_cast = cast.items().unwrap_or_default();
                let inner = if matches!(cast.kind, Kind::Tuple(_)) {
                    text.trim_start_matches('(')
                        .trim_end_matches(')')
                        .to_string()
                } else {
                    text.clone()
                };
                let cast_items: Vec<Value> = items(&inner)
                    .into_iter()
                    .map(|item| self.apply_cast(frame, &item_cast[0], item, span))
                    .collect();
                let kind = if matches!(cast.kind, Kind::Tuple(_)) {
                    Kind::tuple(cast_items)
                } else {
                    Kind::List(Object::new(cast_items))
                };
                Value::new(kind, span)
            }
            _ => self.apply_cast(frame, cast, value, span),
        }
    }

    /// django-environ's `Env.read_env(path)`: the file's variables, unless already set.
    pub(super) fn read_env(&mut self, frame: &Frame, args: &Args, span: Span) -> Value {
        let path = match args.get(0, "env_file") {
            Some(path) => match crate::eval::paths::text(path) {
                Some(path) => PathBuf::from(path),
                None => return Value::unknown("read_env() of a file djsafe cannot name", span),
            },
            None => self
                .project
                .sources
                .get(frame.file)
                .path
                .with_file_name(".env"),
        };
        let overwrite = args
            .keywords
            .iter()
            .any(|(k, v)| k == "overwrite" && v.truthy() == Some(true));
        if let Ok(text) = std::fs::read_to_string(&path) {
            let mut supplied = BTreeMap::new();
            for (key, value) in environ_dotenv(&text) {
                if overwrite || self.getenv(&key).is_none() {
                    supplied.insert(key.clone(), value.clone());
                    self.set_env(key, Some(value));
                }
            }
            self.dotenv.entry(path).or_default().extend(supplied);
        }
        Value::new(Kind::None, span)
    }
}

/// A cast from a default's type, as django-environ's smart casting does.
/// django-environ's boolean cast of a variable's text.
fn environ_truth(text: &str) -> bool {
    match python_int(text) {
        Some(i) => i != 0,
        None => ENVIRON_TRUE.contains(&text.to_lowercase().trim()),
    }
}

/// What a read with this cast and default gives for each probed spelling, when it casts to a
/// boolean (see `eval::spellings`): `environ_value` with the variable set makes the text a
/// boolean, but for the empty text when the default is `None`, which reads as `None`. `None`
/// (an opaque read) for any other cast or default: the text itself may flow on.
fn bool_table(
    cast: Option<&Value>,
    default: Option<&Value>,
) -> Option<crate::eval::spellings::Table> {
    let is_bool = |v: &Value| matches!(&v.kind, Kind::External(path) if &**path == "builtins.bool");
    let none_default = default.is_some_and(|d| matches!(d.kind, Kind::None));
    let casts_to_bool = match (cast, default) {
        (Some(cast), _) => is_bool(cast),
        // Smart casting from a boolean default.
        (None, Some(d)) => matches!(d.kind, Kind::Bool(_)),
        (None, None) => false,
    };
    // A default of another type could equal the text and leave it uncast.
    let plain_default = default.is_none_or(|d| matches!(d.kind, Kind::Bool(_) | Kind::None));
    (casts_to_bool && plain_default).then(|| {
        crate::eval::spellings::bool_table(|text| {
            (!(none_default && text.is_empty())).then(|| environ_truth(text))
        })
    })
}

fn type_of(value: &Value, span: Span) -> Option<Value> {
    let name = match value.kind {
        Kind::Bool(_) => "bool",
        Kind::Int(_) => "int",
        Kind::Float(_) => "float",
        Kind::Str(_) => "str",
        Kind::List(_) => "list",
        Kind::Tuple(_) => "tuple",
        Kind::Dict(_) => "dict",
        _ => return None,
    };
    Some(Value::new(
        Kind::External(format!("builtins.{name}").into()),
        span,
    ))
}

/// Python's `int(text)` for the strings it accepts.
pub(super) fn python_int(text: &str) -> Option<i64> {
    let t = text.trim();
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    t.replace('_', "").parse().ok()
}

/// django-environ's `.env` format: `[export ]KEY=VALUE`, single quotes literal, double quotes
/// with backslash escapes.
fn environ_dotenv(text: &str) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    for line in text.lines() {
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let value = if value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'') {
            value[1..value.len() - 1].to_string()
        } else if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
            let mut out = String::new();
            let mut chars = value[1..value.len() - 1].chars();
            while let Some(c) = chars.next() {
                match (c, chars.clone().next()) {
                    ('\\', Some(n @ ('r' | 'n' | 't'))) => {
                        chars.next();
                        out.push('\\');
                        out.push(n);
                    }
                    ('\\', Some(n)) => {
                        chars.next();
                        out.push(n);
                    }
                    (c, _) => out.push(c),
                }
            }
            out
        } else {
            value.to_string()
        };
        entries.push((key.to_string(), value));
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotenv_formats() {
        let parsed =
            environ_dotenv("export DEBUG=on\nKEY='a b'\nQ=\"x\\ny\\$\"\n# comment\nbad line\n");
        assert_eq!(
            parsed,
            [
                ("DEBUG".into(), "on".into()),
                ("KEY".into(), "a b".into()),
                ("Q".into(), "x\\ny$".into())
            ]
        );
        assert_eq!(python_int(" -1_0 "), Some(-10));
        assert_eq!(python_int("1__0"), None);
    }
}
