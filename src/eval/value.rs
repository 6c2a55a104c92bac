//! The abstract values settings evaluate to: Python values where they are known statically,
//! `Unknown` with a reason where they are not, each with the span that produced it and the
//! environment variables it was derived from.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;
use std::rc::Rc;

use crate::source::Span;

/// The environment variables a value was computed from (directly or through a branch condition).
pub type EnvDeps = Rc<BTreeSet<Rc<str>>>;

#[derive(Clone, Debug)]
pub struct Value {
    pub kind: Kind,
    /// The expression that produced this value: a literal, a call, an operator.
    pub origin: Span,
    pub env: EnvDeps,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    /// Lists, sets and dicts are objects shared by every name and container that holds them
    /// (see [`Object`]); tuples are values.
    List(Items),
    Tuple(Rc<Vec<Value>>),
    Set(Items),
    Dict(Pairs),
    /// A module of the project, by index into the evaluator's module table.
    Module(usize),
    /// Something from outside the project (the standard library, a package), by dotted path,
    /// e.g. `os.getenv`. Calls to the ones djsafe models are evaluated; others are `Unknown`.
    External(Rc<str>),
    /// A `pathlib.Path`.
    Path(Rc<str>),
    /// An object of a library class djsafe models (`environ.Env`, `decouple.Csv`), with the
    /// arguments it was built with.
    Instance(Rc<Instance>),
    /// A class defined in the project: its bases and what its body bound (see `eval::classes`).
    Class(Rc<Class>),
    /// A function defined in the project; calls to it are evaluated (see `eval::call`).
    Function(Rc<Function>),
    /// `receiver.method`, waiting to be called.
    Method(Rc<Value>, Rc<str>),
    /// A value derived from an environment variable the settings require (`os.environ['X']`):
    /// they fail to load without it, so it is whatever the deployment sets. Unknown, but not for
    /// a reason worth reporting.
    FromEnv(Rc<str>),
    /// A fresh random value from the named function (`secrets.token_urlsafe`): different in every
    /// process that imports the settings.
    Random(Rc<str>),
    Unknown(Rc<str>),
}

/// A list or set object.
pub type Items = Rc<Object<Vec<Value>>>;
/// A dict object: its pairs in insertion order.
pub type Pairs = Rc<Object<Vec<(Value, Value)>>>;

/// A mutable object (list, dict, set), shared as in Python: after `B = A`, `A.append(x)` changes
/// the one list both names hold, and every module that star-imported it sees the change. Its
/// contents become unknown when djsafe cannot follow a change to it (a mutation on one side of a
/// condition it cannot decide, inside a loop it cannot unroll).
pub struct Object<T> {
    state: RefCell<Result<T, Rc<str>>>,
    /// How many values the contents hold, nested ones included (see [`size_within`]).
    size: std::cell::Cell<usize>,
    /// The environment variables its changes depended on (an `append` under `if os.getenv(...)`).
    env: RefCell<EnvDeps>,
}

impl<T: Clone + Contents> Object<T> {
    pub fn new(contents: T) -> Rc<Self> {
        let object = Object {
            state: RefCell::new(Ok(contents.clone())),
            size: std::cell::Cell::new(1),
            env: RefCell::default(),
        };
        object.set_state(Ok(contents));
        Rc::new(object)
    }

    /// Its contents, when known.
    pub fn get(&self) -> Option<T> {
        self.state.borrow().as_ref().ok().cloned()
    }

    /// Runs `f` on the contents, when known, without copying them.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.state.borrow().as_ref().ok().map(f)
    }

    /// The contents, or why they are unknown.
    pub fn state(&self) -> Result<T, Rc<str>> {
        self.state.borrow().clone()
    }

    /// Sets the contents; contents bigger than [`MAX_SIZE`] values are unknown instead.
    pub fn set_state(&self, state: Result<T, Rc<str>>) {
        let size = match &state {
            Ok(contents) => contents.size_within(MAX_SIZE),
            Err(_) => Some(1),
        };
        let state = match size {
            Some(_) => state,
            None => {
                Err(format!("a container of more than {MAX_SIZE} values is not evaluated").into())
            }
        };
        self.size.set(size.unwrap_or(1));
        *self.state.borrow_mut() = state;
    }

    pub fn unknown_reason(&self) -> Option<Rc<str>> {
        self.state.borrow().as_ref().err().cloned()
    }

    pub fn env(&self) -> EnvDeps {
        self.env.borrow().clone()
    }

    pub fn add_env(&self, env: &EnvDeps) {
        if !env.is_empty() {
            let merged = union(&self.env.borrow(), env);
            *self.env.borrow_mut() = merged;
        }
    }
}

/// The most values one list, dict, set or tuple may hold, nested ones included (shared ones
/// counted each time): `X = [X, X]` in a loop would otherwise double what every walk over the
/// value costs at each turn.
pub const MAX_SIZE: usize = 10_000;

/// The longest string djsafe builds, in bytes.
pub const MAX_STR_BYTES: usize = 1 << 20;

/// What an object holds, for counting its size.
pub trait Contents {
    fn size_within(&self, budget: usize) -> Option<usize>;
}

impl Contents for Vec<Value> {
    fn size_within(&self, budget: usize) -> Option<usize> {
        sizes_within(self.iter(), budget)
    }
}

impl Contents for Vec<(Value, Value)> {
    fn size_within(&self, budget: usize) -> Option<usize> {
        sizes_within(self.iter().flat_map(|(k, v)| [k, v]), budget)
    }
}

fn sizes_within<'v>(values: impl Iterator<Item = &'v Value>, budget: usize) -> Option<usize> {
    let mut total = 1usize;
    for value in values {
        total = total.checked_add(size_within(value, budget.checked_sub(total)?)?)?;
        if total > budget {
            return None;
        }
    }
    Some(total)
}

/// How many values `value` holds, nested ones included, or `None` beyond `budget`. A list's
/// size is kept on its object, so this walks tuples only.
pub fn size_within(value: &Value, budget: usize) -> Option<usize> {
    let size = match &value.kind {
        Kind::List(o) | Kind::Set(o) => o.size.get(),
        Kind::Dict(o) => o.size.get(),
        Kind::Tuple(items) => sizes_within(items.iter(), budget)?,
        _ => 1,
    };
    (size <= budget).then_some(size)
}

impl Kind {
    /// A tuple of `items`, or unknown when it would hold more than [`MAX_SIZE`] values.
    pub fn tuple(items: Vec<Value>) -> Kind {
        match sizes_within(items.iter(), MAX_SIZE) {
            Some(_) => Kind::Tuple(Rc::new(items)),
            None => Kind::Unknown(
                format!("a tuple of more than {MAX_SIZE} values is not evaluated").into(),
            ),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Object<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Object({:?})", self.state.borrow())
    }
}

/// Python's `==` on the contents (known ones only): `[1] == [1]` even for two objects.
impl<T: PartialEq> PartialEq for Object<T> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
            || matches!((&*self.state.borrow(), &*other.state.borrow()), (Ok(a), Ok(b)) if a == b)
    }
}

#[derive(Debug, PartialEq)]
pub struct Instance {
    /// Dotted class path, e.g. `environ.Env`.
    pub class: Rc<str>,
    pub positional: Vec<Value>,
    pub keywords: Vec<(Rc<str>, Value)>,
}

impl Instance {
    pub fn keyword(&self, name: &str) -> Option<&Value> {
        self.keywords
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| v)
    }
}

/// A `class` of the project.
#[derive(Debug)]
pub struct Class {
    pub name: Rc<str>,
    pub bases: Vec<Value>,
    pub attributes: crate::eval::Namespace,
}

/// Classes are the same when they are the same object.
impl PartialEq for Class {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// A `def` of the project: where its body is, and its parameters with their defaults.
#[derive(Debug)]
pub struct Function {
    pub name: Rc<str>,
    pub module: usize,
    /// Byte range of the `function_definition` node in the module's file.
    pub start: usize,
    pub end: usize,
    pub params: Vec<Param>,
}

#[derive(Debug)]
pub struct Param {
    pub name: Rc<str>,
    pub default: Option<Value>,
    pub kind: ParamKind,
}

/// How a parameter takes its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// By position or by name.
    Positional,
    /// After `*` or `*args`: by name only.
    KeywordOnly,
    /// `*args`: the extra positional arguments, as a tuple.
    VarPositional,
    /// `**kwargs`: the extra keyword arguments, as a dict.
    VarKeyword,
    /// Before `/`: by position only (calls are then not evaluated).
    PositionalOnly,
}

/// Functions are the same when they are the same definition.
impl PartialEq for Function {
    fn eq(&self, other: &Self) -> bool {
        (self.module, self.start) == (other.module, other.start)
    }
}

/// Values compare by what they are, not where they came from.
impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

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

pub fn union(a: &EnvDeps, b: &EnvDeps) -> EnvDeps {
    if b.is_empty() || Rc::ptr_eq(a, b) {
        return a.clone();
    }
    if a.is_empty() {
        return b.clone();
    }
    Rc::new(a.iter().chain(b.iter()).cloned().collect())
}

/// Python's `repr`, used in messages and `explain` output.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn seq(
            f: &mut fmt::Formatter<'_>,
            open: &str,
            items: &[Value],
            close: &str,
        ) -> fmt::Result {
            f.write_str(open)?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{item}")?;
            }
            if open == "(" && items.len() == 1 {
                f.write_str(",")?;
            }
            f.write_str(close)
        }
        match &self.kind {
            Kind::None => f.write_str("None"),
            Kind::Bool(true) => f.write_str("True"),
            Kind::Bool(false) => f.write_str("False"),
            Kind::Int(i) => write!(f, "{i}"),
            Kind::Float(x) => f.write_str(&float_repr(*x)),
            Kind::Str(s) => write!(f, "{}", python_repr(s)),
            Kind::Bytes(b) => f.write_str(&bytes_repr(b)),
            Kind::List(_) | Kind::Set(_) | Kind::Dict(_) if self.unknown_reason().is_some() => {
                write!(
                    f,
                    "<unknown: {}>",
                    self.unknown_reason().unwrap_or_default()
                )
            }
            Kind::List(v) => seq(f, "[", &v.get().unwrap_or_default(), "]"),
            Kind::Tuple(v) => seq(f, "(", v, ")"),
            Kind::Set(v) => match v.get().unwrap_or_default() {
                items if items.is_empty() => f.write_str("set()"),
                items => seq(f, "{", &items, "}"),
            },
            Kind::Dict(pairs) => {
                f.write_str("{")?;
                for (i, (k, v)) in pairs.get().unwrap_or_default().iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            Kind::Module(_) => f.write_str("<module>"),
            Kind::Function(function) => write!(f, "<function {}>", function.name),
            Kind::Class(class) => write!(f, "<class {}>", class.name),
            Kind::External(path) => write!(f, "<{path}>"),
            Kind::Method(_, name) => write!(f, "<method {name}>"),
            Kind::FromEnv(var) => {
                write!(f, "<the value of the required environment variable {var}>")
            }
            Kind::Random(function) => write!(f, "<a random value from {function}()>"),
            Kind::Path(path) => write!(f, "PosixPath({})", python_repr(path)),
            Kind::Instance(instance) => write!(f, "<{} object>", instance.class),
            Kind::Unknown(reason) => write!(f, "<unknown: {reason}>"),
        }
    }
}

/// A string as Python's `repr` writes it: single quotes unless the text contains one.
pub fn python_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || !is_printable(c) => {
                let code = c as u32;
                out.push_str(&match code {
                    0..=0xff => format!("\\x{code:02x}"),
                    0x100..=0xffff => format!("\\u{code:04x}"),
                    _ => format!("\\U{code:08x}"),
                });
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Whether Python's `str.isprintable()` holds for a character that is not a control character:
/// separators other than the space, format characters and private use are escaped by `repr`.
/// (Unassigned code points are too; djsafe has no table of them and prints them as they are.)
fn is_printable(c: char) -> bool {
    !matches!(c as u32,
        0xa0 | 0xad | 0x1680 | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064
        | 0x2066..=0x206f | 0x3000 | 0xfeff | 0xfff9..=0xfffb | 0x600..=0x605 | 0x61c | 0x6dd
        | 0x70f | 0x8e2 | 0x180e | 0x110bd | 0x110cd | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
        | 0xe0001 | 0xe0020..=0xe007f | 0xe000..=0xf8ff | 0xf0000..=0x10ffff)
}

/// `repr(bytes)`: printable ASCII as is, the usual escapes, every other byte as `\xNN`.
fn bytes_repr(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b if b == quote => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// `repr(float)`: the shortest text that reads back as the same float, in fixed notation for
/// exponents from -4 to 15 and as `1e+16` beyond, as Python writes it.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    // `{:e}` gives the shortest round-trip digits: `-1.2345e-7`.
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        let text = if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point as usize >= digits.len() {
            format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{sign}{text}")
    } else {
        let rest = if digits.len() > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!(
            "{sign}{}{rest}e{exp_sign}{:02}",
            &digits[..1],
            exponent.abs()
        )
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
    fn repr_matches_python() {
        assert_eq!(python_repr("it's"), "\"it's\"");
        assert_eq!(python_repr("a'b\"c"), "'a\\'b\"c'");
        let tuple = Value::new(Kind::Tuple(Rc::new(vec![Value::str("x", at())])), at());
        assert_eq!(tuple.to_string(), "('x',)");
    }

    #[test]
    fn floats_bytes_and_unprintable_characters_repr_as_python() {
        let cases = [
            (0.1, "0.1"),
            (1.0, "1.0"),
            (-2.5, "-2.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (123456789.125, "123456789.125"),
            (f64::INFINITY, "inf"),
            (-0.0, "-0.0"),
            (1e300, "1e+300"),
        ];
        for (x, python) in cases {
            assert_eq!(float_repr(x), python, "{x:?}");
        }
        assert_eq!(bytes_repr(b"a'\x00\xff\\"), "b\"a'\\x00\\xff\\\\\"");
        assert_eq!(
            python_repr("a\u{a0}b\u{200b}\u{e000}é"),
            "'a\\xa0b\\u200b\\ue000é'"
        );
    }

    #[test]
    fn truthiness_of_unknown_is_unknown() {
        assert_eq!(Value::unknown("?", at()).truthy(), None);
        assert_eq!(Value::str("", at()).truthy(), Some(false));
        assert_eq!(Value::str("False", at()).truthy(), Some(true));
    }
}
