//! What djsafe knows of Python's runtime: the environment functions of `os`, a few builtins,
//! operators, and methods of `str`, `list` and `dict`. Anything else is `Unknown`.

use std::rc::Rc;

use super::value::{Args, EnvDeps, Kind, MAX_STR_BYTES, Object, Value, union};
use super::{EnvRead, Frame, Run};
use crate::source::Span;

/// `range()` is listed up to this many items (settings use it for small loops).
const MAX_RANGE: usize = 1000;

/// Functions that return a new random value on every call, hence in every worker process.
const RANDOM_SOURCES: &[&str] = &[
    "django.core.management.utils.get_random_secret_key",
    "django.utils.crypto.get_random_string",
    "secrets.token_hex",
    "secrets.token_urlsafe",
    "secrets.token_bytes",
    "os.urandom",
    "uuid.uuid4",
];

/// A call of `eval` or `exec` on a value derived from environment variables.
#[derive(Clone, Debug)]
pub struct CodeExecution {
    pub span: Span,
    pub function: Rc<str>,
    pub env: EnvDeps,
}

impl Run<'_> {
    pub(super) fn call_external(
        &mut self,
        frame: &mut Frame,
        path: &str,
        args: &Args,
        span: Span,
    ) -> Value {
        match path {
            "os.getenv" | "os.environ.get" => {
                self.optional_env(args.get(0, "key"), args.get(1, "default"), span)
            }
            "os.environ.setdefault" => {
                let (Some(name), Some(default)) = (
                    args.get(0, "key").and_then(Value::as_str),
                    args.get(1, "value"),
                ) else {
                    return Value::unknown(
                        "`os.environ.setdefault` with arguments djsafe cannot read",
                        span,
                    );
                };
                if self.getenv(name).is_none() {
                    self.env
                        .insert(name.to_string(), default.as_str().map(str::to_string));
                    self.env_writes.push(super::EnvWrite {
                        var: name.into(),
                        value: default.clone().with_env(&frame.control),
                        span,
                    });
                }
                self.optional_env(args.get(0, "key"), None, span)
            }
            "builtins.bool" => match args.positional.first() {
                None => Value::new(Kind::Bool(false), span),
                Some(v) => match v.truthy() {
                    Some(b) => Value::new(Kind::Bool(b), span).with_env(&v.env),
                    None => v.clone(),
                },
            },
            "builtins.repr" => match args.positional.first() {
                Some(v) => to_repr(v, span),
                None => Value::unknown("repr() without an argument raises TypeError", span),
            },
            "builtins.str" => match args.positional.first() {
                None => Value::str("", span),
                Some(v) => to_str(v, span),
            },
            "builtins.int" => match args.positional.first().map(|v| (v, &v.kind)) {
                None => Value::new(Kind::Int(0), span),
                Some((v, Kind::Int(_))) => v.clone(),
                Some((v, Kind::Bool(b))) => {
                    Value::new(Kind::Int(i64::from(*b)), span).with_env(&v.env)
                }
                // `int(7200.0)` truncates toward zero.
                Some((v, Kind::Float(f))) if f.is_finite() && f.abs() < 9.0e18 => {
                    Value::new(Kind::Int(f.trunc() as i64), span).with_env(&v.env)
                }
                Some((v, Kind::Str(s))) => match s.trim().replace('_', "").parse::<i64>() {
                    Ok(i) => Value::new(Kind::Int(i), span).with_env(&v.env),
                    Err(_) => {
                        self.raised = Some("ValueError");
                        Value::unknown(format!("int({v}) raises ValueError"), span).with_env(&v.env)
                    }
                },
                Some((v, _)) => {
                    Value::unknown(format!("int() of {v} is not evaluated"), span).with_env(&v.env)
                }
            },
            "builtins.list" | "builtins.tuple" | "builtins.set" => match args.positional.first() {
                None => Value::new(sequence_kind(path, Vec::new()), span),
                Some(v) => match iterate(v) {
                    Some(items) => Value::new(sequence_kind(path, items), span).with_env(&v.env),
                    None => Value::unknown(format!("cannot list the items of {v}"), span)
                        .with_env(&v.env),
                },
            },
            "builtins.range" => {
                let bounds: Option<Vec<i64>> = args
                    .positional
                    .iter()
                    .map(|a| match a.kind {
                        Kind::Int(i) => Some(i),
                        _ => None,
                    })
                    .collect();
                let (start, stop, step) = match bounds.as_deref() {
                    Some([stop]) => (0, *stop, 1),
                    Some([start, stop]) => (*start, *stop, 1),
                    Some([start, stop, step]) if *step != 0 => (*start, *stop, *step),
                    _ => return Value::unknown("range() with arguments djsafe cannot read", span),
                };
                let items: Vec<Value> = std::iter::successors(Some(start), |i| Some(i + step))
                    .take_while(|i| if step > 0 { *i < stop } else { *i > stop })
                    .take(MAX_RANGE + 1)
                    .map(|i| Value::new(Kind::Int(i), span))
                    .collect();
                if items.len() > MAX_RANGE {
                    return Value::unknown(
                        format!("range() of more than {MAX_RANGE} items is not listed"),
                        span,
                    );
                }
                Value::new(Kind::List(Object::new(items)), span)
            }
            "builtins.float" => match args.positional.first().map(|v| (v, &v.kind)) {
                Some((v, Kind::Float(_))) => v.clone(),
                Some((v, Kind::Int(i))) => {
                    Value::new(Kind::Float(*i as f64), span).with_env(&v.env)
                }
                Some((v, Kind::Str(s))) => match s.trim().parse::<f64>() {
                    Ok(f) => Value::new(Kind::Float(f), span).with_env(&v.env),
                    Err(_) => {
                        self.raised = Some("ValueError");
                        Value::unknown(format!("float({v}) raises ValueError"), span)
                            .with_env(&v.env)
                    }
                },
                Some((v, _)) => Value::unknown(format!("float() of {v} is not evaluated"), span)
                    .with_env(&v.env),
                None => Value::new(Kind::Float(0.0), span),
            },
            "builtins.min" | "builtins.max" | "builtins.sorted" => {
                let items = match args.positional.as_slice() {
                    [one] => iterate(one),
                    many if many.len() > 1 => Some(many.to_vec()),
                    _ => None,
                };
                let env = args
                    .positional
                    .iter()
                    .fold(EnvDeps::default(), |env, a| union(&env, &a.env));
                let Some(mut items) =
                    items.filter(|items| !items.is_empty() || path == "builtins.sorted")
                else {
                    return Value::unknown(
                        format!("`{path}()` with arguments djsafe cannot list"),
                        span,
                    );
                };
                let mut unordered = false;
                items.sort_by(|a, b| match (compare("<", a, b), compare("<", b, a)) {
                    (Some(true), _) => std::cmp::Ordering::Less,
                    (_, Some(true)) => std::cmp::Ordering::Greater,
                    (Some(false), Some(false)) => std::cmp::Ordering::Equal,
                    _ => {
                        unordered = true;
                        std::cmp::Ordering::Equal
                    }
                });
                if unordered || !args.keywords.is_empty() {
                    return Value::unknown(
                        format!("`{path}()` of values djsafe cannot order"),
                        span,
                    )
                    .with_env(&env);
                }
                match path {
                    "builtins.min" => items[0].clone(),
                    "builtins.max" => items[items.len() - 1].clone(),
                    _ => Value::new(Kind::List(Object::new(items)), span),
                }
                .with_env(&env)
            }
            "builtins.len" => match args.positional.first() {
                Some(v) => match (&v.kind, iterate(v)) {
                    (Kind::Str(s), _) => {
                        Value::new(Kind::Int(s.chars().count() as i64), span).with_env(&v.env)
                    }
                    (_, Some(items)) => {
                        Value::new(Kind::Int(items.len() as i64), span).with_env(&v.env)
                    }
                    _ => {
                        Value::unknown(format!("len() of {v} is not known"), span).with_env(&v.env)
                    }
                },
                None => Value::unknown("len() without an argument", span),
            },
            // `getattr(module_or_class, 'NAME', default)`: settings read from a configuration module.
            "builtins.getattr" => {
                let (Some(object), Some(name)) = (
                    args.positional.first(),
                    args.positional.get(1).and_then(Value::as_str),
                ) else {
                    return Value::unknown("getattr() with arguments djsafe cannot read", span);
                };
                let found = match &object.kind {
                    Kind::Module(index) => self
                        .module(*index)
                        .bindings
                        .get(name)
                        .map(|b| b.value.clone()),
                    Kind::Class(class) => super::classes::attribute(class, name),
                    _ => {
                        return Value::unknown(
                            format!("getattr() on {object} is not modelled by djsafe"),
                            span,
                        );
                    }
                };
                match (found, args.positional.get(2)) {
                    (Some(value), _) => value,
                    (None, Some(default)) => default.clone(),
                    (None, None) => {
                        self.raised = Some("AttributeError");
                        Value::unknown(
                            format!("`{name}` is not defined: getattr() raises AttributeError"),
                            span,
                        )
                    }
                }
            }
            "builtins.dict" if args.positional.is_empty() => {
                let mut pairs = Vec::new();
                for (k, v) in &args.keywords {
                    dict_insert(&mut pairs, Value::str(k, span), v.clone());
                }
                Value::new(Kind::Dict(Object::new(pairs)), span)
            }
            "builtins.exec" | "builtins.eval" => {
                let function = &path["builtins.".len()..];
                let reason = format!("`{function}(...)` runs code djsafe cannot see");
                if path == "builtins.exec" {
                    frame.ns.opaque = Some(reason.clone().into());
                }
                let env = args
                    .positional
                    .iter()
                    .fold(EnvDeps::default(), |env, a| union(&env, &a.env));
                if !env.is_empty() {
                    self.code_execution.push(CodeExecution {
                        span,
                        function: function.into(),
                        env: env.clone(),
                    });
                }
                Value::unknown(reason, span).with_env(&env)
            }
            _ if RANDOM_SOURCES.contains(&path) => Value::new(Kind::Random(path.into()), span),
            _ if super::libs::is_constructor(path) => super::libs::construct(path, args, span),
            _ if [
                "environ.Env.",
                "decouple.",
                "split_settings.",
                "dj_database_url.",
                "django_heroku.",
            ]
            .iter()
            .any(|library| path.starts_with(library)) =>
            {
                self.call_library(frame, path, args, span)
            }
            _ => match super::library_values::call(path, args, span)
                .or_else(|| super::paths::call(path, args, span))
                .map(Ok)
                .or_else(|| super::stdlib::call(path, args, span))
            {
                Some(Ok(value)) => value,
                Some(Err((exception, message))) => {
                    self.raised = Some(exception);
                    Value::unknown(format!("{exception}: {message}"), span)
                }
                None => {
                    let reason = format!("`{path}()` is not modelled by djsafe");
                    self.forget_arguments(frame, args, &reason);
                    Value::unknown(reason, span)
                }
            },
        }
    }

    /// `os.getenv(name, default)`: the value when set, else the default (whose origin is the
    /// default literal, so findings point at it), else `None`.
    fn optional_env(&mut self, name: Option<&Value>, default: Option<&Value>, span: Span) -> Value {
        let Some(name_value) = name else {
            return Value::unknown("environment read without a variable name", span);
        };
        let Some(name) = name_value.as_str() else {
            return Value::unknown(
                format!("environment variable named by {name_value}, which djsafe cannot read"),
                span,
            );
        };
        let deps = Rc::new([Rc::from(name)].into_iter().collect());
        match self.env_read(name) {
            EnvRead::Set(value) => Value::str(&value, span).with_env(&deps),
            EnvRead::SetUnknown => Value::new(Kind::FromEnv(name.into()), span).with_env(&deps),
            EnvRead::Unset => match default {
                Some(default) => default.clone().with_env(&deps),
                None => Value::new(Kind::None, span).with_env(&deps),
            },
        }
    }

    /// `os.environ[name]` raises `KeyError` when the variable is unset, so a running deployment
    /// has it set to something djsafe cannot know.
    pub(super) fn required_env(&mut self, frame: &Frame, key: &Value, span: Span) -> Value {
        let Some(name) = key.as_str() else {
            return Value::unknown(
                format!("environment variable named by {key}, which djsafe cannot read"),
                span,
            );
        };
        let deps = Rc::new([Rc::from(name)].into_iter().collect());
        if let EnvRead::SetUnknown = self.env_read(name) {
            return Value::new(Kind::FromEnv(name.into()), span).with_env(&deps);
        }
        match self.getenv(name) {
            Some(value) => Value::str(&value, span).with_env(&deps),
            // Inside `try: ... except KeyError:` an unset variable is an expected path.
            None if frame.handles("KeyError") => {
                self.raised = Some("KeyError");
                Value::unknown(format!("`os.environ['{name}']` raises KeyError"), span)
                    .with_env(&deps)
            }
            None => Value::new(Kind::FromEnv(name.into()), span).with_env(&deps),
        }
    }
}

fn sequence_kind(path: &str, items: Vec<Value>) -> Kind {
    match path {
        "builtins.list" => Kind::List(Object::new(items)),
        "builtins.tuple" => Kind::tuple(items),
        _ => Kind::Set(Object::new(set_items(items))),
    }
}

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
        Kind::Instance(_) => super::library_values::text(value)?,
        _ => return None,
    })
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

pub(super) fn index(len: usize, i: i64) -> Option<usize> {
    let i = if i < 0 { len as i64 + i } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

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
        Kind::Set(_) => matches!(method, "add" | "update" | "discard" | "remove" | "clear"),
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
            None => c.is_whitespace(),
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
                    None => s.split_whitespace().collect(),
                }),
                _ => return None,
            }
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
        "format" => text(&super::format::braces(s, args)?),
        _ => return None,
    })
}

fn split_whitespace_n(s: &str, n: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s.trim_start();
    while parts.len() < n {
        match rest.find(char::is_whitespace) {
            Some(end) => {
                parts.push(&rest[..end]);
                rest = rest[end..].trim_start();
            }
            None => break,
        }
    }
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts
}

/// Python's `==`, when both sides are known all the way down.
fn equal(a: &Value, b: &Value) -> Option<bool> {
    use Kind::{Bool, Dict, External, Float, Int, List, Set, Tuple, Unknown};
    Some(match (&a.kind, &b.kind) {
        (Unknown(_), _) | (_, Unknown(_)) | (External(_), _) | (_, External(_)) => return None,
        (Int(x), Float(y)) | (Float(y), Int(x)) => (*x as f64) == *y,
        (Bool(x), Int(y)) | (Int(y), Bool(x)) => i64::from(*x) == *y,
        (List(_), List(_)) | (Tuple(_), Tuple(_)) => {
            let (x, y) = (a.items()?, b.items()?);
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !equal(p, q)? {
                    return Some(false);
                }
            }
            true
        }
        (Set(_) | Dict(_), _) | (_, Set(_) | Dict(_)) => {
            if a.contains_unknown() || b.contains_unknown() {
                return None;
            }
            match (&a.kind, &b.kind) {
                (Set(_), Set(_)) => {
                    let (x, y) = (a.items()?, b.items()?);
                    x.len() == y.len() && x.iter().all(|i| y.contains(i))
                }
                (Dict(_), Dict(_)) => {
                    let (x, y) = (a.pairs()?, b.pairs()?);
                    x.len() == y.len() && x.iter().all(|pair| y.contains(pair))
                }
                _ => false,
            }
        }
        (x, y) => x == y,
    })
}

/// One comparison of a (possibly chained) comparison expression.
pub fn compare(op: &str, left: &Value, right: &Value) -> Option<bool> {
    use Kind::{Bool, Dict, Float, Int, List, Set, Str, Tuple, Unknown};
    match op {
        "==" => equal(left, right),
        "!=" | "<>" => equal(left, right).map(|e| !e),
        "in" | "not in" => {
            let found = match (&left.kind, &right.kind) {
                (Str(needle), Str(haystack)) => Some(haystack.contains(&**needle)),
                (_, List(_) | Tuple(_) | Set(_)) => {
                    let items = right.items()?;
                    let mut any_unknown = false;
                    let mut found = false;
                    for item in items.iter() {
                        match equal(left, item) {
                            Some(true) => found = true,
                            Some(false) => {}
                            None => any_unknown = true,
                        }
                    }
                    if found {
                        Some(true)
                    } else if any_unknown {
                        None
                    } else {
                        Some(false)
                    }
                }
                (_, Dict(_)) => {
                    let keys: Vec<Value> = right.pairs()?.into_iter().map(|(k, _)| k).collect();
                    return compare(
                        op,
                        left,
                        &Value {
                            kind: Tuple(Rc::new(keys)),
                            ..right.clone()
                        },
                    );
                }
                _ => None,
            }?;
            Some(if op == "in" { found } else { !found })
        }
        "is" | "is not" => {
            let same = match (&left.kind, &right.kind) {
                (Kind::None, Kind::None) => true,
                (Bool(x), Bool(y)) => x == y,
                (Kind::None | Bool(_), Unknown(_)) | (Unknown(_), Kind::None | Bool(_)) => {
                    return None;
                }
                (Kind::None | Bool(_), _) | (_, Kind::None | Bool(_)) => false,
                _ => return None,
            };
            Some(if op == "is" { same } else { !same })
        }
        "<" | "<=" | ">" | ">=" => {
            let ordering = match (&left.kind, &right.kind) {
                (Int(x), Int(y)) => x.partial_cmp(y),
                (Float(x), Float(y)) => x.partial_cmp(y),
                (Int(x), Float(y)) => (*x as f64).partial_cmp(y),
                (Float(x), Int(y)) => x.partial_cmp(&(*y as f64)),
                (Str(x), Str(y)) => x.partial_cmp(y),
                _ => None,
            }?;
            Some(match op {
                "<" => ordering.is_lt(),
                "<=" => ordering.is_le(),
                ">" => ordering.is_gt(),
                _ => ordering.is_ge(),
            })
        }
        _ => None,
    }
}

pub fn binary(op: &str, left: &Value, right: &Value, span: Span, in_place: bool) -> Value {
    use Kind::{Dict, Float, Int, List, Str, Tuple, Unknown};
    let env = union(&left.env, &right.env);
    if left.is_unknown() {
        return left.clone().with_env(&env);
    }
    if right.is_unknown() {
        return right.clone().with_env(&env);
    }
    if let Some(reason) = left.unknown_reason().or_else(|| right.unknown_reason()) {
        return Value::new(Unknown(reason), span).with_env(&union(&left.deps(), &right.deps()));
    }
    let concat = |a: &Value, b: &[Value]| -> Vec<Value> {
        a.items()
            .unwrap_or_default()
            .into_iter()
            .chain(b.iter().cloned())
            .collect()
    };
    let kind = match (op, &left.kind, &right.kind) {
        ("/", Kind::Path(base), Str(part) | Kind::Path(part)) => {
            Kind::Path(super::paths::join(&[base, part]).into())
        }
        ("%", Str(template), _) => match super::format::percent(template, right) {
            Some(text) => Str(text.into()),
            None => {
                return Value::unknown(
                    format!("`%` formatting of {left} with {right} is not evaluated"),
                    span,
                )
                .with_env(&env);
            }
        },
        ("+", Str(a), Str(b)) if a.len() + b.len() <= MAX_STR_BYTES => {
            Str(format!("{a}{b}").into())
        }
        ("+", List(_), List(_)) => List(Object::new(concat(
            left,
            &right.items().unwrap_or_default(),
        ))),
        // `list += iterable` extends with any iterable, unlike `list + list`.
        ("+", List(_), _) if in_place => match iterate(right) {
            Some(items) => List(Object::new(concat(left, &items))),
            None => return Value::unknown(format!("`+=` with {right}"), span).with_env(&env),
        },
        ("+", Tuple(_), Tuple(_)) => Kind::tuple(concat(left, &right.items().unwrap_or_default())),
        ("|", Dict(_), Dict(_)) => {
            let mut pairs = left.pairs().unwrap_or_default();
            right
                .pairs()
                .unwrap_or_default()
                .into_iter()
                .for_each(|(k, v)| dict_insert(&mut pairs, k, v));
            Dict(Object::new(pairs))
        }
        ("+", Int(a), Int(b)) => a
            .checked_add(*b)
            .map(Int)
            .unwrap_or(Unknown("integer overflow".into())),
        ("-", Int(a), Int(b)) => a
            .checked_sub(*b)
            .map(Int)
            .unwrap_or(Unknown("integer overflow".into())),
        ("*", Int(a), Int(b)) => a
            .checked_mul(*b)
            .map(Int)
            .unwrap_or(Unknown("integer overflow".into())),
        ("//", Int(a), Int(b)) if *b != 0 => floor_div_mod(*a, *b)
            .map(|(q, _)| Int(q))
            .unwrap_or(Unknown("integer overflow".into())),
        ("%", Int(a), Int(b)) if *b != 0 => floor_div_mod(*a, *b)
            .map(|(_, r)| Int(r))
            .unwrap_or(Unknown("integer overflow".into())),
        ("/", Int(a), Int(b)) if *b != 0 => Float(*a as f64 / *b as f64),
        ("**", Int(a), Int(b)) if (0..=62).contains(b) => a
            .checked_pow(*b as u32)
            .map(Int)
            .unwrap_or(Unknown("integer overflow".into())),
        ("*", Str(s), Int(n)) | ("*", Int(n), Str(s))
            if (0..=10_000).contains(n) && s.len() * (*n as usize) <= MAX_STR_BYTES =>
        {
            Str(s.repeat(*n as usize).into())
        }
        ("-", Kind::Instance(_), Int(_))
            if super::library_values::subtract(left, right, span).is_some() =>
        {
            return super::library_values::subtract(left, right, span)
                .unwrap_or_else(|| Value::unknown("", span))
                .with_env(&env);
        }
        _ => {
            return Value::unknown(
                format!(
                    "`{op}` on {} and {} is not evaluated",
                    left.brief(),
                    right.brief()
                ),
                span,
            )
            .with_env(&env);
        }
    };
    Value::new(kind, span).with_env(&env)
}

/// Python's `a // b` and `a % b`: the quotient rounds toward negative infinity, so the remainder
/// has the divisor's sign (`5 // -2 == -3`, `7 % -3 == -2`). `None` when it overflows.
fn floor_div_mod(a: i64, b: i64) -> Option<(i64, i64)> {
    let (q, r) = (a.checked_div(b)?, a.checked_rem(b)?);
    if r != 0 && (r < 0) != (b < 0) {
        Some((q - 1, r + b))
    } else {
        Some((q, r))
    }
}

pub fn unary(op: &str, value: &Value, span: Span) -> Value {
    let kind = match (op, &value.kind) {
        ("-", Kind::Int(i)) => match i.checked_neg() {
            Some(negated) => Kind::Int(negated),
            None => Kind::Unknown("integer overflow".into()),
        },
        ("-", Kind::Float(f)) => Kind::Float(-f),
        ("+", Kind::Int(_) | Kind::Float(_)) => value.kind.clone(),
        ("~", Kind::Int(i)) => Kind::Int(!i),
        _ if value.is_unknown() => return value.clone(),
        _ => {
            return Value::unknown(format!("`{op}` on {value} is not evaluated"), span)
                .with_env(&value.env);
        }
    };
    Value::new(kind, span).with_env(&value.env)
}
