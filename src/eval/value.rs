//! The abstract values settings evaluate to: Python values where they are known statically,
//! `Unknown` with a reason where they are not, each with the span that produced it and the
//! environment variables it was derived from.

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
    List(Rc<Vec<Value>>),
    Tuple(Rc<Vec<Value>>),
    Set(Rc<Vec<Value>>),
    Dict(Rc<Vec<(Value, Value)>>),
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
    /// `*args` or `**kwargs`: calls then are not evaluated.
    pub variadic: bool,
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

    pub fn str(s: &str, origin: Span) -> Self {
        Value::new(Kind::Str(s.into()), origin)
    }

    pub fn with_env(mut self, env: &EnvDeps) -> Self {
        if !env.is_empty() {
            self.env = union(&self.env, env);
        }
        self
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

    /// The items of a list, tuple or set.
    pub fn items(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::List(v) | Kind::Tuple(v) | Kind::Set(v) => Some(v),
            _ => None,
        }
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
            Kind::List(v) | Kind::Tuple(v) | Kind::Set(v) => !v.is_empty(),
            Kind::Dict(v) => !v.is_empty(),
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
            Kind::List(items) | Kind::Tuple(items) | Kind::Set(items) => {
                items.iter().all(Value::is_fully_known)
            }
            Kind::Dict(pairs) => pairs
                .iter()
                .all(|(k, v)| k.is_fully_known() && v.is_fully_known()),
            Kind::External(_)
            | Kind::Module(_)
            | Kind::Method(..)
            | Kind::Function(_)
            | Kind::Instance(_)
            | Kind::Class(_) => false,
            _ => !self.is_unknown(),
        }
    }

    /// The first unknown part of this value, for saying why it is not fully known.
    pub fn first_unknown(&self) -> Option<&Value> {
        match &self.kind {
            Kind::List(items) | Kind::Tuple(items) | Kind::Set(items) => {
                items.iter().find_map(Value::first_unknown)
            }
            Kind::Dict(pairs) => pairs
                .iter()
                .find_map(|(k, v)| k.first_unknown().or_else(|| v.first_unknown())),
            Kind::External(_)
            | Kind::Module(_)
            | Kind::Method(..)
            | Kind::Function(_)
            | Kind::Instance(_)
            | Kind::Class(_) => Some(self),
            _ if self.is_unknown() => Some(self),
            _ => None,
        }
    }

    /// Why this value is unknown, when that is worth telling (not for [`Kind::FromEnv`]).
    pub fn unknown_reason(&self) -> Option<&str> {
        match &self.kind {
            Kind::Unknown(reason) => Some(reason),
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
            Kind::Float(x) => write!(f, "{x:?}"),
            Kind::Str(s) => write!(f, "{}", python_repr(s)),
            Kind::Bytes(b) => write!(f, "b{}", python_repr(&String::from_utf8_lossy(b))),
            Kind::List(v) => seq(f, "[", v, "]"),
            Kind::Tuple(v) => seq(f, "(", v, ")"),
            Kind::Set(v) if v.is_empty() => f.write_str("set()"),
            Kind::Set(v) => seq(f, "{", v, "}"),
            Kind::Dict(pairs) => {
                f.write_str("{")?;
                for (i, (k, v)) in pairs.iter().enumerate() {
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
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
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
    fn truthiness_of_unknown_is_unknown() {
        assert_eq!(Value::unknown("?", at()).truthy(), None);
        assert_eq!(Value::str("", at()).truthy(), Some(false));
        assert_eq!(Value::str("False", at()).truthy(), Some(true));
    }
}
