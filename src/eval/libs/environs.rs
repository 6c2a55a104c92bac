//! environs (`from environs import Env`): `env(name, default)` and `env.str/bool/int/float/list/
//! json/dj_db_url(...)`, `Env(prefix=...)`, `FileAwareEnv`, `env.read_env()`.
//!
//! Unlike django-environ, environs returns a default exactly as given (`env.bool('DEBUG',
//! 'True')` is the string `'True'`, `env.list('HOSTS', ['*'])` the list); only a value read from
//! the environment goes through marshmallow's field: `Boolean`'s fixed spellings (anything else
//! raises), Python's `int()`, a list split on the delimiter with no trimming. Parsers registered
//! as functions (`dj_db_url`) parse the default too.

use std::path::PathBuf;

use super::database_url;
use crate::eval::value::{Args, Instance, Kind, Object, Value};
use crate::eval::{Frame, Run};
use crate::source::Span;

/// marshmallow's `fields.Boolean.truthy` and `falsy` string spellings.
const TRUTHY: &[&str] = &[
    "t", "T", "true", "True", "TRUE", "on", "On", "ON", "y", "Y", "yes", "Yes", "YES", "1",
];
const FALSY: &[&str] = &[
    "f", "F", "false", "False", "FALSE", "off", "Off", "OFF", "n", "N", "no", "No", "NO", "0",
];

/// The `env.<method>()` parsers djsafe models.
const METHODS: &[&str] = &["str", "bool", "int", "float", "list", "json", "dj_db_url"];

impl Run<'_> {
    /// `env(name, default)` (the same as `env.str`) or `env.<method>(name, default, ...)`.
    pub(super) fn environs_value(
        &mut self,
        frame: &mut Frame,
        instance: &Instance,
        method: &str,
        args: &Args,
        span: Span,
    ) -> Value {
        if method == "read_env" {
            return self.environs_read_env(frame, args, span);
        }
        if !METHODS.contains(&method) {
            return Value::unknown(
                format!("environs' `env.{method}()` is not modelled by djsafe"),
                span,
            );
        }
        let Some(name) = args.get(0, "name").and_then(Value::as_str) else {
            return Value::unknown(
                "environs read with a variable name djsafe cannot read",
                span,
            );
        };
        let prefix = instance
            .keyword("prefix")
            .and_then(Value::as_str)
            .unwrap_or("");
        let full = format!("{prefix}{name}");
        let deps = self.env_deps(&full);
        let default = args.get(1, "default").cloned();
        // FileAwareEnv reads the file `NAME_FILE` names, when that variable is set.
        if &*instance.class == "environs.FileAwareEnv" {
            let file_var = format!("{full}_FILE");
            if !matches!(self.env_read(&file_var), crate::eval::EnvRead::Unset) {
                return Value::unknown(
                    format!("{full} is read from the file that {file_var} names"),
                    span,
                )
                .with_env(&std::rc::Rc::new(
                    deps.iter().cloned().chain([file_var.into()]).collect(),
                ));
            }
        }
        let raw = match self.env_read(&full) {
            crate::eval::EnvRead::SetUnknown => {
                return Value::new(Kind::FromEnv(full.into()), span).with_env(&deps);
            }
            crate::eval::EnvRead::Set(raw) => raw,
            crate::eval::EnvRead::Unset => {
                return match default {
                    Some(default) if method == "dj_db_url" => {
                        self.environs_parse(frame, method, args, default, span)
                    }
                    Some(default) => default.with_env(&deps),
                    None if frame.handles("EnvNotSetError") => {
                        self.raised = Some("EnvNotSetError");
                        Value::unknown(
                            format!("{full} is unset: environs raises EnvNotSetError"),
                            span,
                        )
                        .with_env(&deps)
                    }
                    None => Value::new(Kind::FromEnv(full.into()), span).with_env(&deps),
                };
            }
        };
        if instance
            .keyword("expand_vars")
            .and_then(Value::truthy)
            .unwrap_or(false)
            && raw.contains('$')
        {
            return Value::unknown(
                format!("environs' expansion of `$` in {full} is not modelled by djsafe"),
                span,
            )
            .with_env(&deps);
        }
        let value = Value::str(&raw, span);
        self.environs_parse(frame, method, args, value, span)
            .with_env(&deps)
    }

    /// A value read from the environment through the method's marshmallow field.
    fn environs_parse(
        &mut self,
        frame: &mut Frame,
        method: &str,
        args: &Args,
        value: Value,
        span: Span,
    ) -> Value {
        let Some(text) = value.as_str().map(str::to_string) else {
            return match method {
                "dj_db_url" if !value.is_unknown() => Value::unknown(
                    format!("environs' `env.dj_db_url()` of {value} is not modelled by djsafe"),
                    span,
                ),
                _ => value,
            };
        };
        let invalid = |run: &mut Self, what: &str| {
            run.raised = Some("EnvValidationError");
            Value::unknown(
                format!("{text:?} is not {what}: environs raises EnvValidationError"),
                span,
            )
        };
        match method {
            "str" => value,
            "bool" if TRUTHY.contains(&text.as_str()) => Value::new(Kind::Bool(true), span),
            "bool" if FALSY.contains(&text.as_str()) => Value::new(Kind::Bool(false), span),
            "bool" => invalid(self, "a boolean"),
            "int" => match super::environ::python_int(&text) {
                Some(i) => Value::new(Kind::Int(i), span),
                None => invalid(self, "an integer"),
            },
            "float" => {
                let lower = text.trim().trim_start_matches(['+', '-']).to_lowercase();
                if matches!(lower.as_str(), "nan" | "inf" | "infinity") {
                    return invalid(self, "a finite number");
                }
                let float = Value::new(Kind::External("builtins.float".into()), span);
                self.apply_cast(frame, &float, value, span)
            }
            "list" => {
                let delimiter = args
                    .get(3, "delimiter")
                    .and_then(Value::as_str)
                    .unwrap_or(",")
                    .to_string();
                let items: Vec<Value> = if text.is_empty() {
                    Vec::new()
                } else {
                    text.split(delimiter.as_str())
                        .map(|item| Value::str(item, value.origin))
                        .collect()
                };
                let items = match args.get(2, "subcast") {
                    Some(subcast) => {
                        let subcast = subcast.clone();
                        items
                            .into_iter()
                            .map(|item| self.apply_cast(frame, &subcast, item, span))
                            .collect()
                    }
                    None => items,
                };
                Value::new(Kind::List(Object::new(items)), span)
            }
            "json" => {
                let loads = Value::new(Kind::External("json.loads".into()), span);
                self.apply_cast(frame, &loads, value, span)
            }
            "dj_db_url" => database_url(&text, value.origin),
            _ => Value::unknown(
                format!("environs' `env.{method}()` is not modelled by djsafe"),
                span,
            ),
        }
    }

    /// `env.read_env(path=None, recurse=True, override=False)`: python-dotenv's search for
    /// `.env` from the settings module's folder upwards (or the file named), then its variables,
    /// unless already set.
    fn environs_read_env(&mut self, frame: &Frame, args: &Args, span: Span) -> Value {
        let here = self.project.sources.get(frame.file).path.clone();
        let named = match args.get(0, "path") {
            Some(path) if matches!(path.kind, Kind::None) => None,
            Some(path) => match crate::eval::paths::text(path) {
                Some(path) => Some(PathBuf::from(path)),
                None => return Value::unknown("read_env() of a file djsafe cannot name", span),
            },
            None => None,
        };
        let recurse = args
            .get(1, "recurse")
            .and_then(Value::truthy)
            .unwrap_or(true);
        let override_set = args
            .get(3, "override")
            .and_then(Value::truthy)
            .unwrap_or(false);
        let found = match named {
            // A path with a folder is read as it is; a bare name is searched for like `.env`.
            Some(path) if path.parent().is_some_and(|p| !p.as_os_str().is_empty()) || !recurse => {
                let path = if path.is_absolute() {
                    path
                } else {
                    here.parent().unwrap_or(&here).join(path)
                };
                self.project.index().is_file(&path).then_some(path)
            }
            named => {
                let file_name = named.unwrap_or_else(|| PathBuf::from(".env"));
                here.ancestors()
                    .skip(1)
                    .take_while(|dir| dir.parent().is_some())
                    .map(|dir| dir.join(&file_name))
                    .find(|candidate| self.project.index().is_file(candidate))
            }
        };
        if let Some(path) = found
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            let mut supplied = std::collections::BTreeMap::new();
            for entry in crate::deploy::dotenv::parse(&text) {
                if !override_set && self.getenv(&entry.key).is_some() {
                    continue;
                }
                match entry.value.literal() {
                    Some(value) => {
                        supplied.insert(entry.key.clone(), value.to_string());
                        self.set_env(entry.key, Some(value.to_string()));
                    }
                    // `${HOST_VAR}` without a default: set, to what the host says.
                    None => {
                        self.set_env_unknown(entry.key);
                    }
                }
            }
            self.dotenv.entry(path).or_default().extend(supplied);
        }
        Value::new(Kind::None, span)
    }
}

/// `environs.Env` / `environs.FileAwareEnv` under the names settings import them by.
pub(super) fn class_of(path: &str) -> Option<&'static str> {
    match path {
        "environs.Env" => Some("environs.Env"),
        "environs.FileAwareEnv" => Some("environs.FileAwareEnv"),
        _ => None,
    }
}
