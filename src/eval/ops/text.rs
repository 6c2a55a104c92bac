//! Python's `str()` and `repr()` of a value, known only when the whole value is.

use crate::eval::library_values;
use crate::eval::value::{Kind, Value};
use crate::source::Span;

/// Python's `str(value)`.
pub fn to_str(value: &Value, span: Span) -> Value {
    if matches!(value.kind, Kind::Str(_)) || value.is_unknown() {
        return value.clone();
    }
    match python_str(value) {
        Some(text) => Value::str(&text, span).with_env(&value.env),
        None => {
            Value::unknown(format!("str() of {value} is not evaluated"), span).with_env(&value.env)
        }
    }
}

/// Python's `repr(value)`: known only when the whole value is (`<unknown: ...>` is not a repr).
pub fn to_repr(value: &Value, span: Span) -> Value {
    if value.is_unknown() {
        return value.clone();
    }
    let known = match &value.kind {
        Kind::Path(_) => true,
        _ => value.is_fully_known(),
    };
    if known {
        Value::str(&value.to_string(), span).with_env(&value.env)
    } else {
        Value::unknown(format!("repr() of {value} is not evaluated"), span).with_env(&value.env)
    }
}

/// Python's `str(value)` when djsafe knows it: scalars, paths, and containers with nothing
/// unknown inside (whose `str` is their `repr`).
pub fn python_str(value: &Value) -> Option<String> {
    Some(match &value.kind {
        Kind::Str(s) | Kind::Path(s) => s.to_string(),
        Kind::Int(_) | Kind::Float(_) | Kind::Bool(_) | Kind::None | Kind::Bytes(_) => {
            value.to_string()
        }
        Kind::List(_) | Kind::Tuple(_) | Kind::Set(_) | Kind::Dict(_) if value.is_fully_known() => {
            value.to_string()
        }
        Kind::Instance(_) => library_values::text(value)?,
        _ => return None,
    })
}
