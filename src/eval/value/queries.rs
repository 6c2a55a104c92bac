//! What is known about a value: whether it is unknown (and why), its items, its truth value,
//! which environment variables it depends on.

use std::rc::Rc;

use super::{EnvDeps, Kind, MAX_STR_BYTES, Value, union};
use crate::source::Span;

impl Value {
    pub fn new(kind: Kind, origin: Span) -> Self {
        Value {
            kind,
            origin,
            env: EnvDeps::default(),
        }
    }

    pub fn unknown(reason: impl Into<String>, origin: Span) -> Self {
        Value::new(Kind::Unknown(reason.into().into()), origin)
    }

    /// A string, or unknown when it is longer than [`MAX_STR_BYTES`].
    pub fn str(s: &str, origin: Span) -> Self {
        if s.len() > MAX_STR_BYTES {
            return Value::unknown(
                format!("a string longer than {MAX_STR_BYTES} bytes is not evaluated"),
                origin,
            );
        }
        Value::new(Kind::Str(s.into()), origin)
    }

    pub fn with_env(mut self, env: &EnvDeps) -> Self {
        if !env.is_empty() {
            self.env = union(&self.env, env);
        }
        self
    }

    /// The repr, shortened to about 80 characters, for messages.
    pub fn brief(&self) -> String {
        let repr = self.to_string();
        match repr.char_indices().nth(80) {
            Some((at, _)) => format!("{}...", &repr[..at]),
            None => repr,
        }
    }

    /// Unknown for whatever reason, including [`Kind::FromEnv`].
    pub fn is_unknown(&self) -> bool {
        matches!(
            self.kind,
            Kind::Unknown(_) | Kind::FromEnv(_) | Kind::Random(_)
        )
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The text of a `str` or of a `pathlib.Path`.
    pub fn path_text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) | Kind::Path(s) => Some(s),
            _ => None,
        }
    }

    /// The items of a list, tuple or set, when known.
    pub fn items(&self) -> Option<Vec<Value>> {
        match &self.kind {
            Kind::List(v) | Kind::Set(v) => v.get(),
            Kind::Tuple(v) => Some(v.to_vec()),
            _ => None,
        }
    }

    /// The pairs of a dict, when known.
    pub fn pairs(&self) -> Option<Vec<(Value, Value)>> {
        match &self.kind {
            Kind::Dict(pairs) => pairs.get(),
            _ => None,
        }
    }

    /// The environment variables this value depends on: its own and, for a list, dict or set,
    /// those its changes depended on.
    pub fn deps(&self) -> EnvDeps {
        match &self.kind {
            Kind::List(o) | Kind::Set(o) => union(&self.env, &o.env()),
            Kind::Dict(o) => union(&self.env, &o.env()),
            _ => self.env.clone(),
        }
    }

    /// Whether two values are the same object (or equal immutable values): what a name must
    /// hold on both sides of an undecided condition to keep its value. Two lists with equal
    /// items are not the same: a later `append` to one is not seen through the other.
    pub fn same(&self, other: &Value) -> bool {
        match (&self.kind, &other.kind) {
            (Kind::List(a), Kind::List(b)) | (Kind::Set(a), Kind::Set(b)) => Rc::ptr_eq(a, b),
            (Kind::Dict(a), Kind::Dict(b)) => Rc::ptr_eq(a, b),
            (Kind::Tuple(a), Kind::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same(y))
            }
            (Kind::Tuple(_) | Kind::List(_) | Kind::Set(_) | Kind::Dict(_), _)
            | (_, Kind::Tuple(_) | Kind::List(_) | Kind::Set(_) | Kind::Dict(_)) => false,
            _ => self == other,
        }
    }

    /// Whether `object` (a list, dict or set) is this value or is inside it: storing this value in
    /// that object would make it contain itself.
    pub fn contains_object(&self, object: *const ()) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![self.clone()];
        while let Some(value) = stack.pop() {
            let (pointer, children): (*const (), Vec<Value>) = match &value.kind {
                Kind::List(o) | Kind::Set(o) => (Rc::as_ptr(o).cast(), o.get().unwrap_or_default()),
                Kind::Dict(o) => (
                    Rc::as_ptr(o).cast(),
                    o.get()
                        .unwrap_or_default()
                        .into_iter()
                        .flat_map(|(k, v)| [k, v])
                        .collect(),
                ),
                Kind::Tuple(items) => (Rc::as_ptr(items).cast(), items.to_vec()),
                _ => continue,
            };
            if pointer == object {
                return true;
            }
            if seen.insert(pointer) {
                stack.extend(children);
            }
        }
        false
    }

    /// Python truthiness, when it can be known.
    pub fn truthy(&self) -> Option<bool> {
        Some(match &self.kind {
            Kind::None => false,
            Kind::Bool(b) => *b,
            Kind::Int(i) => *i != 0,
            Kind::Float(f) => *f != 0.0,
            Kind::Str(s) => !s.is_empty(),
            Kind::Bytes(b) => !b.is_empty(),
            Kind::Tuple(v) => !v.is_empty(),
            Kind::List(v) | Kind::Set(v) => !v.with(Vec::is_empty)?,
            Kind::Dict(v) => !v.with(Vec::is_empty)?,
            Kind::Module(_)
            | Kind::Method(..)
            | Kind::Function(_)
            | Kind::Path(_)
            | Kind::Instance(_)
            | Kind::Class(_) => true,
            Kind::External(_) | Kind::FromEnv(_) | Kind::Random(_) | Kind::Unknown(_) => {
                return None;
            }
        })
    }

    /// Whether nothing in this value (items of a list, values of a dict) is unknown.
    pub fn is_fully_known(&self) -> bool {
        match &self.kind {
            Kind::Tuple(items) => items.iter().all(Value::is_fully_known),
            Kind::List(items) | Kind::Set(items) => items
                .with(|items| items.iter().all(Value::is_fully_known))
                .unwrap_or(false),
            Kind::Dict(pairs) => pairs
                .with(|pairs| {
                    pairs
                        .iter()
                        .all(|(k, v)| k.is_fully_known() && v.is_fully_known())
                })
                .unwrap_or(false),
            Kind::External(_)
            | Kind::Module(_)
            | Kind::Method(..)
            | Kind::Function(_)
            | Kind::Instance(_)
            | Kind::Class(_) => false,
            _ => !self.is_unknown(),
        }
    }

    /// Whether some part of this value is unknown (a module or function counts as known).
    pub fn contains_unknown(&self) -> bool {
        match &self.kind {
            Kind::Unknown(_) | Kind::FromEnv(_) | Kind::Random(_) | Kind::External(_) => true,
            Kind::Tuple(items) => items.iter().any(Value::contains_unknown),
            Kind::List(items) | Kind::Set(items) => items
                .with(|items| items.iter().any(Value::contains_unknown))
                .unwrap_or(true),
            Kind::Dict(pairs) => pairs
                .with(|pairs| {
                    pairs
                        .iter()
                        .any(|(k, v)| k.contains_unknown() || v.contains_unknown())
                })
                .unwrap_or(true),
            _ => false,
        }
    }

    /// The first unknown part of this value, for saying why it is not fully known. A list,
    /// dict or set whose contents are unknown is given as an `Unknown` with the reason.
    pub fn first_unknown(&self) -> Option<Value> {
        let contents_unknown = |reason: Rc<str>| {
            Some(Value::new(Kind::Unknown(reason), self.origin).with_env(&self.deps()))
        };
        match &self.kind {
            Kind::Tuple(items) => items.iter().find_map(Value::first_unknown),
            Kind::List(items) | Kind::Set(items) => match items.state() {
                Ok(items) => items.iter().find_map(Value::first_unknown),
                Err(reason) => contents_unknown(reason),
            },
            Kind::Dict(pairs) => match pairs.state() {
                Ok(pairs) => pairs
                    .iter()
                    .find_map(|(k, v)| k.first_unknown().or_else(|| v.first_unknown())),
                Err(reason) => contents_unknown(reason),
            },
            Kind::External(_)
            | Kind::Module(_)
            | Kind::Method(..)
            | Kind::Function(_)
            | Kind::Instance(_)
            | Kind::Class(_) => Some(self.clone()),
            _ if self.is_unknown() => Some(self.clone()),
            _ => None,
        }
    }

    /// Why this value is unknown, when that is worth telling (not for [`Kind::FromEnv`]); for a
    /// list, dict or set, why its contents are.
    pub fn unknown_reason(&self) -> Option<Rc<str>> {
        match &self.kind {
            Kind::Unknown(reason) => Some(reason.clone()),
            Kind::List(o) | Kind::Set(o) => o.unknown_reason(),
            Kind::Dict(o) => o.unknown_reason(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn at() -> Span {
        Span {
            file: FileId(0),
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn truthiness_of_unknown_is_unknown() {
        assert_eq!(Value::unknown("?", at()).truthy(), None);
        assert_eq!(Value::str("", at()).truthy(), Some(false));
        assert_eq!(Value::str("False", at()).truthy(), Some(true));
    }
}
