//! The abstract values settings evaluate to: Python values where they are known statically,
//! `Unknown` with a reason where they are not, each with the span that produced it and the
//! environment variables it was derived from.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::rc::Rc;

use crate::source::Span;

mod class;
pub mod copy;
mod queries;
mod repr;
pub use class::{Class, MAX_BASES_DEPTH};
pub use repr::{float_repr, python_repr};

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
                let reason = format!("a container of more than {MAX_SIZE} values is not evaluated");
                // The objects it would have held are reachable where djsafe no longer follows
                // them (`[APPS] * 20000`): they become unknown too.
                if let Ok(contents) = &state {
                    for value in contents.values() {
                        crate::eval::escape::forget_objects_of(value, &reason, &EnvDeps::default());
                    }
                }
                Err(reason.into())
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
    /// The values it holds (a dict's keys and values).
    fn values(&self) -> Vec<&Value>;
}

impl Contents for Vec<Value> {
    fn size_within(&self, budget: usize) -> Option<usize> {
        sizes_within(self.iter(), budget)
    }

    fn values(&self) -> Vec<&Value> {
        self.iter().collect()
    }
}

impl Contents for Vec<(Value, Value)> {
    fn size_within(&self, budget: usize) -> Option<usize> {
        sizes_within(self.iter().flat_map(|(k, v)| [k, v]), budget)
    }

    fn values(&self) -> Vec<&Value> {
        self.iter().flat_map(|(k, v)| [k, v]).collect()
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

/// A `def` of the project: where its body is, and its parameters with their defaults.
#[derive(Debug)]
pub struct Function {
    pub name: Rc<str>,
    pub module: usize,
    /// Byte range of the `function_definition` node in the module's file.
    pub start: usize,
    pub end: usize,
    pub params: Vec<Param>,
    /// For a `def` run inside a function: what it may read of the enclosing functions' variables.
    pub closure: Option<Rc<Closure>>,
    /// What it receives before its arguments (see [`Receiver`]).
    pub receiver: Receiver,
}

/// What a function receives before the arguments of a call: `@classmethod` functions take the
/// class they are reached through (`Prod.setup()` runs `setup` with `cls` the class `Prod`,
/// also when `setup` is defined on a base class).
#[derive(Clone, Debug)]
pub enum Receiver {
    /// A plain function: only its arguments.
    Plain,
    /// `@classmethod` in a class body, not yet reached through a class: calling it as it is
    /// raises in Python, and is not followed.
    ClassMethod,
    /// A classmethod reached through this class.
    Class(Value),
}

impl Function {
    /// The same definition (its defaults and closure shared) with another receiver.
    pub fn with_receiver(&self, receiver: Receiver) -> Function {
        Function {
            name: self.name.clone(),
            module: self.module,
            start: self.start,
            end: self.end,
            params: self
                .params
                .iter()
                .map(|p| Param {
                    name: p.name.clone(),
                    default: p.default.clone(),
                    kind: p.kind,
                })
                .collect(),
            closure: self.closure.clone(),
            receiver,
        }
    }
}

/// The variables of the functions enclosing a nested `def` (see `eval::closures`).
#[derive(Debug)]
pub struct Closure {
    /// The function whose call ran the `def`, for messages.
    pub enclosing: Rc<str>,
    /// Every name the enclosing functions may bind (more than Python's, never fewer).
    pub locals: std::collections::BTreeSet<Rc<str>>,
    /// Of those, the ones whose value is known for every later call: parameters of the
    /// enclosing function that its body never rebinds, as they were when the `def` ran.
    pub exact: std::collections::BTreeMap<Rc<str>, Value>,
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
/// The same definition, bound to the same receiver: `Base.make == Child.make` is False for a
/// classmethod (each is bound to its own class), `Base.make == Base.make` True.
impl PartialEq for Function {
    fn eq(&self, other: &Self) -> bool {
        (self.module, self.start) == (other.module, other.start)
            && match (&self.receiver, &other.receiver) {
                (Receiver::Plain, Receiver::Plain)
                | (Receiver::ClassMethod, Receiver::ClassMethod) => true,
                (Receiver::Class(a), Receiver::Class(b)) => a == b,
                _ => false,
            }
    }
}

/// Values compare by what they are, not where they came from.
impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
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

/// A name bound in a module, and the statement that bound it last.
#[derive(Clone, Debug)]
pub struct Binding {
    pub value: Value,
    pub site: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Namespace {
    pub bindings: HashMap<Rc<str>, Binding>,
    /// Set when names may have come from somewhere djsafe cannot see (a star import from a
    /// package, `exec`): unknown names are then `Unknown` rather than undefined.
    pub opaque: Option<Rc<str>>,
}

/// The arguments of a call, evaluated: what every modelled function receives.
#[derive(Default)]
pub struct Args {
    pub positional: Vec<Value>,
    pub keywords: Vec<(String, Value)>,
}

impl Args {
    /// The argument at `index`, or the keyword `name`.
    pub(in crate::eval) fn get(&self, index: usize, name: &str) -> Option<&Value> {
        self.positional.get(index).or_else(|| {
            self.keywords
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v)
        })
    }
}
