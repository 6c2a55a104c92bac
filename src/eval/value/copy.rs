//! Deep copies of values that keep their sharing, for reusing a module's evaluation in another
//! run (see `eval::module_cache`): every list, dict and set is a new object, so the run that
//! receives the copy can change them as Python would without touching the cached evaluation or
//! any other run, and two names (or two modules) that held one object hold one copy of it
//! (`B = A` in a module stays one list, `from base import APPS` in another module too).
//! Classes, instances and functions are copied once each as well, since they may hold such
//! objects and classes are compared by identity.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::{Binding, Function, Instance, Items, Kind, Namespace, Object, Pairs, Param, Value};

/// One copy: what it has copied so far, by the address of the original.
#[derive(Default)]
pub struct Copier {
    items: HashMap<*const Object<Vec<Value>>, Items>,
    pairs: HashMap<*const Object<Vec<(Value, Value)>>, Pairs>,
    classes: HashMap<*const super::Class, Rc<super::Class>>,
    instances: HashMap<*const Instance, Rc<Instance>>,
    functions: HashMap<*const Function, Rc<Function>>,
}

impl Copier {
    pub fn namespace(&mut self, namespace: &Namespace) -> Namespace {
        Namespace {
            bindings: namespace
                .bindings
                .iter()
                .map(|(name, binding)| {
                    let binding = Binding {
                        value: self.value(&binding.value),
                        site: binding.site,
                    };
                    (name.clone(), binding)
                })
                .collect(),
            opaque: namespace.opaque.clone(),
        }
    }

    pub fn value(&mut self, value: &Value) -> Value {
        Value {
            kind: self.kind(&value.kind),
            origin: value.origin,
            env: value.env.clone(),
        }
    }

    fn kind(&mut self, kind: &Kind) -> Kind {
        match kind {
            Kind::List(object) => Kind::List(self.items(object)),
            Kind::Set(object) => Kind::Set(self.items(object)),
            Kind::Dict(object) => Kind::Dict(self.pairs(object)),
            Kind::Tuple(items) => {
                Kind::Tuple(Rc::new(items.iter().map(|v| self.value(v)).collect()))
            }
            Kind::Instance(instance) => Kind::Instance(self.instance(instance)),
            Kind::Class(class) => Kind::Class(self.class(class)),
            Kind::Function(function) => Kind::Function(self.function(function)),
            Kind::Method(receiver, name) => {
                Kind::Method(Rc::new(self.value(receiver)), name.clone())
            }
            Kind::None
            | Kind::Bool(_)
            | Kind::Int(_)
            | Kind::Float(_)
            | Kind::Str(_)
            | Kind::Bytes(_)
            | Kind::Module(_)
            | Kind::External(_)
            | Kind::Path(_)
            | Kind::FromEnv(_)
            | Kind::Random(_)
            | Kind::Unknown(_) => kind.clone(),
        }
    }

    fn items(&mut self, object: &Items) -> Items {
        if let Some(copy) = self.items.get(&Rc::as_ptr(object)) {
            return copy.clone();
        }
        let state = match &*object.state.borrow() {
            Ok(values) => Ok(values.iter().map(|v| self.value(v)).collect()),
            Err(reason) => Err(reason.clone()),
        };
        let copy = Rc::new(Object {
            state: RefCell::new(state),
            size: Cell::new(object.size.get()),
            env: RefCell::new(object.env.borrow().clone()),
        });
        self.items.insert(Rc::as_ptr(object), copy.clone());
        copy
    }

    fn pairs(&mut self, object: &Pairs) -> Pairs {
        if let Some(copy) = self.pairs.get(&Rc::as_ptr(object)) {
            return copy.clone();
        }
        let state = match &*object.state.borrow() {
            Ok(pairs) => Ok(pairs
                .iter()
                .map(|(k, v)| (self.value(k), self.value(v)))
                .collect()),
            Err(reason) => Err(reason.clone()),
        };
        let copy = Rc::new(Object {
            state: RefCell::new(state),
            size: Cell::new(object.size.get()),
            env: RefCell::new(object.env.borrow().clone()),
        });
        self.pairs.insert(Rc::as_ptr(object), copy.clone());
        copy
    }

    fn instance(&mut self, instance: &Rc<Instance>) -> Rc<Instance> {
        if let Some(copy) = self.instances.get(&Rc::as_ptr(instance)) {
            return copy.clone();
        }
        let copy = Rc::new(Instance {
            class: instance.class.clone(),
            positional: instance.positional.iter().map(|v| self.value(v)).collect(),
            keywords: instance
                .keywords
                .iter()
                .map(|(k, v)| (k.clone(), self.value(v)))
                .collect(),
        });
        self.instances.insert(Rc::as_ptr(instance), copy.clone());
        copy
    }

    pub(super) fn class(&mut self, class: &Rc<super::Class>) -> Rc<super::Class> {
        if let Some(copy) = self.classes.get(&Rc::as_ptr(class)) {
            return copy.clone();
        }
        let copy = Rc::new(class.copy_with(self));
        self.classes.insert(Rc::as_ptr(class), copy.clone());
        copy
    }

    fn function(&mut self, function: &Rc<Function>) -> Rc<Function> {
        if let Some(copy) = self.functions.get(&Rc::as_ptr(function)) {
            return copy.clone();
        }
        let copy = Rc::new(Function {
            name: function.name.clone(),
            module: function.module,
            start: function.start,
            end: function.end,
            params: function
                .params
                .iter()
                .map(|p| Param {
                    name: p.name.clone(),
                    default: p.default.as_ref().map(|d| self.value(d)),
                    kind: p.kind,
                })
                .collect(),
            closure: function.closure.as_ref().map(|closure| {
                Rc::new(super::Closure {
                    enclosing: closure.enclosing.clone(),
                    locals: closure.locals.clone(),
                    exact: closure
                        .exact
                        .iter()
                        .map(|(name, value)| (name.clone(), self.value(value)))
                        .collect(),
                })
            }),
            receiver: match &function.receiver {
                super::Receiver::Class(class) => super::Receiver::Class(self.value(class)),
                other => other.clone(),
            },
        });
        self.functions.insert(Rc::as_ptr(function), copy.clone());
        copy
    }
}
