//! dbca-utils (the Western Australian Department of Biodiversity's Django utilities):
//! `dbca_utils.utils.env(key, default=None, required=False, value_type=None)`, modelled on its
//! source (the same in 2.1.5 and 3.0.13). The variable's text goes through `ast.literal_eval`
//! (kept as the text when that raises SyntaxError or ValueError), then is coerced to
//! `value_type`, or to the default's class when only a default is given: `str()`; a list or
//! tuple split on commas; a bool from `''`, `'true'` or `'false'` in any case (anything else
//! raises); `int()`, `float()`. An unset variable gives the default, unless it is `required`
//! without one: then `env()` raises, and like `os.environ[...]` outside a `try` the variable is
//! taken as set by the deployment.

use super::env_of;
use crate::eval::ops::python_str;
use crate::eval::value::{Args, Kind, Object, Value};
use crate::eval::{EnvRead, Frame, Run};
use crate::source::Span;

/// The classes `env()` coerces to, by name (`value_type.__name__`).
fn class_of(value: &Value) -> Option<&'static str> {
    Some(match &value.kind {
        Kind::Str(_) => "str",
        Kind::Bool(_) => "bool",
        Kind::Int(_) => "int",
        Kind::Float(_) => "float",
        Kind::List(_) => "list",
        Kind::Tuple(_) => "tuple",
        Kind::Dict(_) => "dict",
        Kind::Set(_) => "set",
        Kind::Bytes(_) => "bytes",
        _ => return None,
    })
}

/// `isinstance(value, class)` for the classes of [`class_of`]: a bool is an int too.
fn is_instance(value: &Value, class: &str) -> bool {
    class_of(value) == Some(class) || (class == "int" && matches!(value.kind, Kind::Bool(_)))
}

/// `literal_eval(text)`, or the text itself when that raises SyntaxError or ValueError (which
/// `env()` catches). `None` when djsafe cannot tell what CPython's `literal_eval` gives (see
/// `stdlib::literal_eval_doubtful`).
fn literal_or_text(text: &str, span: Span) -> Option<Value> {
    let as_text = || Some(Value::str(text, span));
    let trimmed = text.trim_start_matches([' ', '\t']).trim_end();
    if trimmed.is_empty() {
        return as_text();
    }
    let args = Args {
        positional: vec![Value::str(text, span)],
        keywords: Vec::new(),
    };
    match crate::eval::stdlib::call("ast.literal_eval", &args, span)? {
        Ok(value) if value.is_unknown() || value.contains_unknown() => None,
        Ok(value) => Some(value),
        Err(("SyntaxError" | "ValueError", _)) => as_text(),
        Err(_) => None,
    }
}

/// The items of `text` split on commas, each stripped, the empty ones left out.
fn split_items(text: &str, span: Span) -> Vec<Value> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Value::str(s, span))
        .collect()
}

impl Run<'_> {
    /// `dbca_utils.utils.env(key, default=None, required=False, value_type=None)`.
    pub(super) fn dbca_env(&mut self, frame: &mut Frame, args: &Args, span: Span) -> Value {
        let Some(key) = args
            .get(0, "key")
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            return Value::unknown("`env()` of a variable djsafe cannot name", span);
        };
        let deps = env_of(&key);
        let default = args
            .get(1, "default")
            .cloned()
            .unwrap_or(Value::new(Kind::None, span));
        let required = match args.get(2, "required") {
            None => Some(false),
            Some(required) => required.truthy(),
        };
        let raw = match self.env_read(&key) {
            EnvRead::SetUnknown => {
                return Value::new(Kind::FromEnv(key.as_str().into()), span).with_env(&deps);
            }
            EnvRead::Set(raw) => raw,
            EnvRead::Unset => {
                let default_is_none = match &default.kind {
                    Kind::None => Some(true),
                    _ if default.is_unknown() => None,
                    _ => Some(false),
                };
                return match (default_is_none, required) {
                    (Some(false), _) | (_, Some(false)) => default.with_env(&deps),
                    (Some(true), Some(true)) if frame.handles("Exception") => {
                        self.raised = Some("Exception");
                        Value::unknown(
                            format!("{key} is unset: `env(..., required=True)` raises Exception"),
                            span,
                        )
                        .with_env(&deps)
                    }
                    // Required: a deployment that starts sets it.
                    (Some(true), Some(true)) => {
                        Value::new(Kind::FromEnv(key.as_str().into()), span).with_env(&deps)
                    }
                    _ => Value::unknown(
                        format!(
                            "whether `env('{key}')` is required, or has a default, is not known"
                        ),
                        span,
                    )
                    .with_env(&deps),
                };
            }
        };
        let Some(value) = literal_or_text(&raw, span) else {
            return Value::unknown(
                format!("`ast.literal_eval` of {key}'s value is not modelled by djsafe"),
                span,
            )
            .with_env(&deps);
        };
        let class = match args.get(3, "value_type").map(|t| &t.kind) {
            Some(Kind::External(path)) => match path.strip_prefix("builtins.") {
                Some(class) => Some(class.to_string()),
                None => {
                    return Value::unknown(
                        format!("`env()` with value_type={path} is not modelled by djsafe"),
                        span,
                    )
                    .with_env(&deps);
                }
            },
            Some(Kind::None) | None if matches!(default.kind, Kind::None) => None,
            Some(Kind::None) | None => {
                match class_of(&default) {
                    Some(class) => Some(class.to_string()),
                    None => {
                        return Value::unknown(
                        format!("`env()` coerces to the class of {default}, which djsafe does not know"),
                        span,
                    )
                    .with_env(&deps);
                    }
                }
            }
            Some(_) => {
                return Value::unknown("`env()` with a value_type djsafe cannot read", span)
                    .with_env(&deps);
            }
        };
        let Some(class) = class else {
            return value.with_env(&deps);
        };
        self.dbca_coerce(frame, &key, value, &class, span)
            .with_env(&deps)
    }

    /// The coercion `env()` applies to `value` for `value_type` `class`.
    fn dbca_coerce(
        &mut self,
        frame: &mut Frame,
        key: &str,
        value: Value,
        class: &str,
        span: Span,
    ) -> Value {
        if is_instance(&value, class) {
            return value;
        }
        let text = || python_str(&value);
        let unknown = || Value::unknown(format!("str() of {value} is not evaluated"), span);
        match class {
            "str" => text().map_or_else(unknown, |t| Value::str(&t, span)),
            "list" | "tuple" => {
                let items = match &value.kind {
                    Kind::List(_) | Kind::Tuple(_) => value.items(),
                    _ => text().map(|t| split_items(&t, span)),
                };
                match (items, class) {
                    (None, _) => unknown(),
                    (Some(items), "list") => Value::new(Kind::List(Object::new(items)), span),
                    (Some(items), _) => Value::new(Kind::tuple(items), span),
                }
            }
            "bool" => {
                let Some(text) = text() else {
                    return unknown();
                };
                match text.trim().to_lowercase().as_str() {
                    "" | "false" => Value::new(Kind::Bool(false), span),
                    "true" => Value::new(Kind::Bool(true), span),
                    _ => {
                        self.raised = Some("Exception");
                        Value::unknown(
                            format!(
                                "{key} is {text:?}: `env()` accepts only 'true', 'false' or '' for a boolean, and raises Exception"
                            ),
                            span,
                        )
                    }
                }
            }
            "int" | "float" => {
                let args = Args {
                    positional: vec![value],
                    keywords: Vec::new(),
                };
                self.call_external(frame, &format!("builtins.{class}"), &args, span)
            }
            _ => {
                self.raised = Some("Exception");
                Value::unknown(
                    format!("`env()` does not support value_type {class}, and raises Exception"),
                    span,
                )
            }
        }
    }
}
