//! Python's containers: what iterating gives, subscripts, dict keys replaced in place, set
//! items deduplicated.

use crate::eval::value::{Kind, Value, union};
use crate::source::Span;

/// A set's items: each value once (unknown items may be equal to others, so they all stay).
pub fn set_items(items: Vec<Value>) -> Vec<Value> {
    let mut unique: Vec<Value> = Vec::new();
    for item in items {
        if item.contains_unknown() || !unique.contains(&item) {
            unique.push(item);
        }
    }
    unique
}

/// The items `for` or `list()` would see: a sequence's items, a string's characters, a dict's keys.
pub fn iterate(value: &Value) -> Option<Vec<Value>> {
    match &value.kind {
        Kind::List(v) | Kind::Set(v) => v.get(),
        Kind::Tuple(v) => Some(v.to_vec()),
        Kind::Dict(pairs) => pairs.with(|pairs| pairs.iter().map(|(k, _)| k.clone()).collect()),
        Kind::Str(s) => Some(
            s.chars()
                .map(|c| Value::str(&c.to_string(), value.origin).with_env(&value.env))
                .collect(),
        ),
        _ => None,
    }
}

/// Whether Python refuses `value` as a set item or dict key: a list, dict or set.
pub fn is_unhashable(value: &Value) -> bool {
    matches!(value.kind, Kind::List(_) | Kind::Dict(_) | Kind::Set(_))
}

pub fn dict_insert(pairs: &mut Vec<(Value, Value)>, key: Value, value: Value) {
    match pairs.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = value,
        None => pairs.push((key, value)),
    }
}

pub fn get_item(container: &Value, key: &Value, span: Span) -> Value {
    let env = union(&container.deps(), &key.env);
    if let Some(reason) = container.unknown_reason() {
        return Value::new(Kind::Unknown(reason), span).with_env(&env);
    }
    let found = match (&container.kind, &key.kind) {
        _ if container.is_unknown() => return container.clone().with_env(&key.env),
        _ if key.is_unknown() => return key.clone().with_env(&container.env),
        (Kind::Dict(pairs), _) => {
            let pairs = pairs.get().unwrap_or_default();
            if key.contains_unknown() || pairs.iter().any(|(k, _)| k.contains_unknown()) {
                return Value::unknown(format!("{container}[{key}] is not evaluated"), span)
                    .with_env(&env);
            }
            pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        }
        (Kind::List(_) | Kind::Tuple(_), Kind::Int(i)) => {
            let items = container.items().unwrap_or_default();
            index(items.len(), *i).map(|i| items[i].clone())
        }
        (Kind::Str(s), Kind::Int(i)) => {
            let chars: Vec<char> = s.chars().collect();
            index(chars.len(), *i).map(|i| Value::str(&chars[i].to_string(), span))
        }
        _ => {
            return Value::unknown(format!("{container}[{key}] is not evaluated"), span)
                .with_env(&env);
        }
    };
    match found {
        Some(value) => value.with_env(&env),
        None => Value::unknown(
            format!("{key} is not in {container}: the lookup raises"),
            span,
        )
        .with_env(&env),
    }
}

/// Whether `container[key]` is one item djsafe can point to (or none, when the lookup raises):
/// otherwise the result may be any of the container's items, which then escape.
pub fn exact_lookup(container: &Value, key: &Value) -> bool {
    if key.contains_unknown() {
        return false;
    }
    match (&container.kind, &key.kind) {
        (Kind::Dict(pairs), _) => pairs
            .with(|pairs| !pairs.iter().any(|(k, _)| k.contains_unknown()))
            .unwrap_or(true),
        (Kind::List(_) | Kind::Tuple(_) | Kind::Str(_), Kind::Int(_)) => true,
        _ => false,
    }
}

/// A Python index (negative counts from the end) as a position in a sequence of `len` items.
pub fn index(len: usize, i: i64) -> Option<usize> {
    let i = if i < 0 { len as i64 + i } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}
