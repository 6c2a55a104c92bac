//! Methods of `str`, `list`, `dict` and `set`: the ones that return a new value are evaluated;
//! the ones that change their receiver are listed so the evaluator can apply or forget them.

use super::{format, iterate};
use crate::eval::strings::is_python_space;
use crate::eval::value::{Args, Kind, MAX_STR_BYTES, Object, Value, union};
use crate::source::Span;

/// Methods of lists, dicts and sets that change the object they are called on.
pub const MUTATING_METHODS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "remove",
    "clear",
    "pop",
    "sort",
    "reverse",
    "update",
    "setdefault",
    "popitem",
    "add",
    "discard",
    "difference_update",
    "intersection_update",
    "symmetric_difference_update",
];

pub fn is_mutating_method(receiver: &Value, method: &str) -> bool {
    match receiver.kind {
        Kind::List(_) => matches!(
            method,
            "append" | "extend" | "insert" | "remove" | "clear" | "pop" | "sort" | "reverse"
        ),
        Kind::Dict(_) => matches!(
            method,
            "update" | "setdefault" | "pop" | "clear" | "popitem"
        ),
        Kind::Set(_) => matches!(
            method,
            "add"
                | "update"
                | "discard"
                | "remove"
                | "clear"
                | "pop"
                | "difference_update"
                | "intersection_update"
                | "symmetric_difference_update"
        ),
        _ => false,
    }
}

/// Methods that return a new value: `str.split`, `str.lower`, `dict.get`...
pub fn call_method(receiver: &Value, method: &str, args: &Args, span: Span) -> Value {
    let env = args
        .positional
        .iter()
        .chain(args.keywords.iter().map(|(_, v)| v))
        .fold(receiver.env.clone(), |env, v| union(&env, &v.env));
    if receiver.is_unknown() {
        return receiver.clone().with_env(&env);
    }
    if let Some(reason) = receiver.unknown_reason() {
        return Value::new(Kind::Unknown(reason), span).with_env(&union(&env, &receiver.deps()));
    }
    if let Some(unknown) = args.positional.iter().find(|v| v.is_unknown()) {
        return unknown.clone().with_env(&env);
    }
    let str_arg = |i: usize, name: &str| args.get(i, name).and_then(Value::as_str);
    let pairs = receiver.pairs().unwrap_or_default();
    let keys_known = !pairs.iter().any(|(k, _)| k.contains_unknown());
    let result = match (&receiver.kind, method) {
        (Kind::Str(s), _) => string_method(s, method, args, receiver.origin, &str_arg),
        (Kind::Dict(_), "get") if keys_known => args
            .positional
            .first()
            .filter(|key| !key.contains_unknown())
            .map(|key| {
                pairs
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| {
                        args.positional
                            .get(1)
                            .cloned()
                            .unwrap_or(Value::new(Kind::None, span))
                    })
            }),
        // Views are copied into lists: settings iterate over them at once.
        (Kind::Dict(_), "items") => Some(Value::new(
            Kind::List(Object::new(
                pairs
                    .iter()
                    .map(|(k, v)| Value::new(Kind::tuple(vec![k.clone(), v.clone()]), span))
                    .collect(),
            )),
            span,
        )),
        (Kind::Dict(_), "keys") => Some(Value::new(
            Kind::List(Object::new(pairs.iter().map(|(k, _)| k.clone()).collect())),
            span,
        )),
        (Kind::Dict(_), "values") => Some(Value::new(
            Kind::List(Object::new(pairs.iter().map(|(_, v)| v.clone()).collect())),
            span,
        )),
        (Kind::List(_) | Kind::Tuple(_), "count") => {
            let items = receiver.items().unwrap_or_default();
            args.positional
                .first()
                .filter(|x| !x.contains_unknown() && !items.iter().any(Value::contains_unknown))
                .map(|x| {
                    Value::new(
                        Kind::Int(items.iter().filter(|i| *i == x).count() as i64),
                        span,
                    )
                })
        }
        // A copy is a new object with the same items (a shallow copy, as in Python).
        (Kind::List(items), "copy") => items
            .get()
            .map(|items| Value::new(Kind::List(Object::new(items)), receiver.origin)),
        (Kind::Set(items), "copy") => items
            .get()
            .map(|items| Value::new(Kind::Set(Object::new(items)), receiver.origin)),
        (Kind::Dict(_), "copy") => Some(Value::new(
            Kind::Dict(Object::new(pairs.clone())),
            receiver.origin,
        )),
        _ => None,
    };
    match result {
        Some(value) => value.with_env(&env),
        None => Value::unknown(
            format!(
                "`.{method}()` on {} is not modelled by djsafe",
                receiver.brief()
            ),
            span,
        )
        .with_env(&env),
    }
}

/// String methods. Results keep the receiver's origin: the parts of `'*'.split(',')` point at
/// the literal `'*'`, which is what a finding should show.
fn string_method<'a>(
    s: &str,
    method: &str,
    args: &'a Args,
    origin: Span,
    str_arg: &dyn Fn(usize, &str) -> Option<&'a str>,
) -> Option<Value> {
    let text = |t: &str| Value::str(t, origin);
    let strings = |parts: Vec<&str>| {
        Value::new(
            Kind::List(Object::new(parts.into_iter().map(text).collect())),
            origin,
        )
    };
    let chars: Option<Vec<char>> = str_arg(0, "chars").map(|c| c.chars().collect());
    let trim = |t: &str, start: bool, end: bool| -> String {
        let pred = |c: char| match &chars {
            Some(set) => set.contains(&c),
            None => is_python_space(c),
        };
        let t = if start { t.trim_start_matches(pred) } else { t };
        let t = if end { t.trim_end_matches(pred) } else { t };
        t.to_string()
    };
    Some(match method {
        "lower" | "casefold" => text(&s.to_lowercase()),
        "upper" => text(&s.to_uppercase()),
        "strip" => text(&trim(s, true, true)),
        "lstrip" => text(&trim(s, true, false)),
        "rstrip" => text(&trim(s, false, true)),
        "split" => {
            let maxsplit = match args.get(1, "maxsplit").map(|v| &v.kind) {
                Some(Kind::Int(n)) if *n >= 0 => Some(*n as usize),
                Some(Kind::Int(_)) | None => None,
                Some(_) => return None,
            };
            match (str_arg(0, "sep"), args.get(0, "sep").map(|v| &v.kind)) {
                (Some(""), _) => return None,
                (Some(sep), _) => strings(match maxsplit {
                    Some(n) => s.splitn(n + 1, sep).collect(),
                    None => s.split(sep).collect(),
                }),
                (None, None | Some(Kind::None)) => strings(match maxsplit {
                    Some(n) => split_whitespace_n(s, n),
                    None => s
                        .split(is_python_space)
                        .filter(|part| !part.is_empty())
                        .collect(),
                }),
                _ => return None,
            }
        }
        // Python's line boundaries; no empty string after a final one.
        "splitlines" if args.positional.is_empty() && args.keywords.is_empty() => {
            let mut lines = Vec::new();
            let mut rest = s;
            while !rest.is_empty() {
                let Some((at, boundary)) = rest.char_indices().find(|(_, c)| {
                    matches!(
                        c,
                        '\n' | '\r'
                            | '\x0b'
                            | '\x0c'
                            | '\x1c'
                            | '\x1d'
                            | '\x1e'
                            | '\u{85}'
                            | '\u{2028}'
                            | '\u{2029}'
                    )
                }) else {
                    lines.push(rest);
                    break;
                };
                lines.push(&rest[..at]);
                let width = if rest[at..].starts_with("\r\n") {
                    2
                } else {
                    boundary.len_utf8()
                };
                rest = &rest[at + width..];
            }
            strings(lines)
        }
        "replace" => match (str_arg(0, "old"), str_arg(1, "new")) {
            // Only when the result stays within djsafe's string size limit.
            (Some(old), Some(new))
                if old.is_empty()
                    && (s.chars().count() + 1).saturating_mul(new.len()) + s.len()
                        <= MAX_STR_BYTES
                    || !old.is_empty()
                        && s.matches(old).count().saturating_mul(new.len()) + s.len()
                            <= MAX_STR_BYTES =>
            {
                text(&s.replace(old, new))
            }
            _ => return None,
        },
        "startswith" | "endswith" => {
            let affix = str_arg(0, "prefix")?;
            let hit = if method == "startswith" {
                s.starts_with(affix)
            } else {
                s.ends_with(affix)
            };
            Value::new(Kind::Bool(hit), origin)
        }
        "join" => {
            let items = iterate(args.positional.first()?)?;
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect();
            let parts = parts?;
            let total =
                parts.iter().map(String::len).sum::<usize>() + s.len().saturating_mul(parts.len());
            if total > MAX_STR_BYTES {
                return None;
            }
            text(&parts.join(s))
        }
        // Positions count characters, as Python's do; `start`/`end` are not followed.
        "find" | "rfind" if args.positional.len() == 1 => {
            let needle = str_arg(0, "sub")?;
            let found = if method == "find" {
                s.find(needle)
            } else {
                s.rfind(needle)
            };
            let at = found.map_or(-1, |byte| s[..byte].chars().count() as i64);
            Value::new(Kind::Int(at), origin)
        }
        "count" if args.positional.len() == 1 => {
            let needle = str_arg(0, "x")?;
            let count = if needle.is_empty() {
                s.chars().count() + 1
            } else {
                s.matches(needle).count()
            };
            Value::new(Kind::Int(count as i64), origin)
        }
        "removeprefix" => text(s.strip_prefix(str_arg(0, "prefix")?).unwrap_or(s)),
        "removesuffix" => text(s.strip_suffix(str_arg(0, "suffix")?).unwrap_or(s)),
        "isdigit" => Value::new(
            Kind::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())),
            origin,
        ),
        "format" => text(&format::braces(s, args)?),
        _ => return None,
    })
}

fn split_whitespace_n(s: &str, n: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s.trim_start_matches(is_python_space);
    while parts.len() < n {
        match rest.find(is_python_space) {
            Some(end) => {
                parts.push(&rest[..end]);
                rest = rest[end..].trim_start_matches(is_python_space);
            }
            None => break,
        }
    }
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts
}
