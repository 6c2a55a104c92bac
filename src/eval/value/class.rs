//! Classes of the project: their attributes, and the order Python looks names up in their bases
//! (the C3 method resolution order), computed once when the class is defined so that a lookup
//! is one pass over a list, however the hierarchy is shaped.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use super::{Kind, Namespace, Value};
use crate::source::Span;

/// Class hierarchies deeper than this are not followed (a cycle cannot be written in Python,
/// but a bound keeps any input finite): the classes below are looked up as unknown.
pub const MAX_BASES_DEPTH: usize = 32;

/// Resolution orders longer than this (summed over the bases merged) are not computed: the
/// merge is quadratic in it.
const MAX_LINEARIZATION: usize = 1024;

/// A `class` of the project.
pub struct Class {
    pub name: Rc<str>,
    pub bases: Vec<Value>,
    pub attributes: Namespace,
    /// The project classes Python looks attributes up in after this one, in order, or why
    /// djsafe cannot tell.
    pub ancestors: Result<Vec<Rc<Class>>, Rc<str>>,
    /// The longest chain of bases above this class.
    depth: usize,
    /// A library class among the bases, here or above (`configurations.Configuration`): a name
    /// no project class defines may come from it.
    library_base: Option<Rc<str>>,
    /// Why its attributes may have changed since its `class` statement ran (`Conf.LEVEL = ...`
    /// from a decorator or any code, `setattr(Conf, ...)`): djsafe does not follow a class's
    /// attributes after its definition, so every lookup through it is then unknown.
    changed: RefCell<Option<Rc<str>>>,
    /// Attributes set after the `class` statement ran, under names djsafe knows
    /// (`cls.APPS = cls.APPS + [...]` in a classmethod, `Conf.LEVEL = 'DEBUG'`): they hide what
    /// the body bound, in this class and in the classes that look names up in it.
    assigned: RefCell<Vec<(Rc<str>, Value)>>,
}

impl fmt::Debug for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Class")
            .field("name", &self.name)
            .field("bases", &self.bases)
            .field("attributes", &self.attributes)
            .finish()
    }
}

/// Classes are the same when they are the same object.
impl PartialEq for Class {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Class {
    pub fn new(name: Rc<str>, bases: Vec<Value>, attributes: Namespace) -> Class {
        let mut depth = 0;
        let mut library_base = None;
        for base in &bases {
            match &base.kind {
                Kind::Class(class) => {
                    depth = depth.max(class.depth + 1);
                    library_base = library_base.or(class.library_base.clone());
                }
                Kind::External(path) if &**path != "builtins.object" => {
                    library_base = library_base.or(Some(path.clone()));
                }
                _ => {}
            }
        }
        let ancestors = if depth > MAX_BASES_DEPTH {
            Err(format!(
                "`{name}` has more than {MAX_BASES_DEPTH} levels of base classes, which djsafe does not follow"
            )
            .into())
        } else {
            linearize(&name, &bases)
        };
        Class {
            name,
            bases,
            attributes,
            ancestors,
            depth,
            library_base,
            changed: RefCell::new(None),
            assigned: RefCell::new(Vec::new()),
        }
    }

    /// `Class.name = value` after the class was defined.
    pub fn set_attribute(&self, name: &str, value: Value) {
        let mut assigned = self.assigned.borrow_mut();
        match assigned.iter_mut().find(|(n, _)| &**n == name) {
            Some((_, slot)) => *slot = value,
            None => assigned.push((name.into(), value)),
        }
    }

    /// An attribute the class itself holds: set after its definition, else bound by its body.
    fn own(&self, name: &str) -> Option<Value> {
        let assigned = self.assigned.borrow();
        if let Some((_, value)) = assigned.iter().find(|(n, _)| &**n == name) {
            return Some(value.clone());
        }
        self.attributes.bindings.get(name).map(|b| b.value.clone())
    }

    /// An attribute of the class was set after its definition (see `changed`).
    pub fn mark_changed(&self, reason: &str) {
        self.changed
            .borrow_mut()
            .get_or_insert_with(|| reason.into());
    }

    /// Why the class, or one of the classes it looks names up in, was changed.
    fn changed_reason(&self) -> Option<Rc<str>> {
        if let Some(reason) = self.changed.borrow().clone() {
            return Some(reason);
        }
        self.ancestors
            .as_ref()
            .ok()?
            .iter()
            .find_map(|class| class.changed.borrow().clone())
    }

    /// The same class with every value it holds copied by `copier` (see [`super::copy`]).
    pub(super) fn copy_with(&self, copier: &mut super::copy::Copier) -> Class {
        Class {
            name: self.name.clone(),
            bases: self.bases.iter().map(|b| copier.value(b)).collect(),
            attributes: copier.namespace(&self.attributes),
            ancestors: match &self.ancestors {
                Ok(ancestors) => Ok(ancestors.iter().map(|a| copier.class(a)).collect()),
                Err(reason) => Err(reason.clone()),
            },
            depth: self.depth,
            library_base: self.library_base.clone(),
            changed: RefCell::new(self.changed.borrow().clone()),
            assigned: RefCell::new(
                self.assigned
                    .borrow()
                    .iter()
                    .map(|(name, value)| (name.clone(), copier.value(value)))
                    .collect(),
            ),
        }
    }

    /// `Class.NAME`: the class's own attribute, else the first of its ancestors' in Python's
    /// resolution order; unknown when the order or a base is unknown, `None` when no class
    /// defines it.
    pub fn attribute(&self, name: &str, span: Span) -> Option<Value> {
        if let Some(reason) = self.changed_reason() {
            return Some(Value::unknown(
                format!("`{}.{name}` may have been changed: {reason}", self.name),
                span,
            ));
        }
        if let Some(value) = self.own(name) {
            return Some(value);
        }
        let ancestors = match &self.ancestors {
            Ok(ancestors) => ancestors,
            Err(reason) => return Some(Value::unknown(format!("`{name}`: {reason}"), span)),
        };
        if let Some(value) = ancestors.iter().find_map(|class| class.own(name)) {
            return Some(value);
        }
        self.library_base.as_ref().map(|library| {
            Value::unknown(
                format!(
                    "`{}.{name}` is not defined in the project; it may come from `{library}`",
                    self.name
                ),
                span,
            )
        })
    }
}

/// The C3 linearization of `bases` (the class itself left out): each base before its own
/// bases, the bases' orders kept, left to right. Library classes are left out (their own
/// bases are not known), and `object` ends every order.
fn linearize(name: &str, bases: &[Value]) -> Result<Vec<Rc<Class>>, Rc<str>> {
    let mut sequences: Vec<Vec<Rc<Class>>> = Vec::new();
    let mut direct = Vec::new();
    for base in bases {
        match &base.kind {
            Kind::Class(class) => {
                let ancestors = class.ancestors.as_ref().map_err(Rc::clone)?;
                let mut sequence = vec![class.clone()];
                sequence.extend(ancestors.iter().cloned());
                sequences.push(sequence);
                direct.push(class.clone());
            }
            Kind::External(_) => {}
            _ => {
                return Err(
                    format!("a base of `{name}` is {base}, which djsafe cannot know").into(),
                );
            }
        }
    }
    sequences.push(direct);
    if sequences.iter().map(Vec::len).sum::<usize>() > MAX_LINEARIZATION {
        return Err(format!("`{name}` has too many base classes for djsafe to order").into());
    }
    let mut order: Vec<Rc<Class>> = Vec::new();
    // Each round takes one class out of at least one sequence: bounded by their total length.
    loop {
        sequences.retain(|sequence| !sequence.is_empty());
        if sequences.is_empty() {
            return Ok(order);
        }
        let in_a_tail = |class: &Rc<Class>| {
            sequences
                .iter()
                .any(|s| s[1..].iter().any(|c| Rc::ptr_eq(c, class)))
        };
        let Some(next) = sequences
            .iter()
            .map(|sequence| &sequence[0])
            .find(|head| !in_a_tail(head))
            .cloned()
        else {
            // Python raises TypeError: the class statement fails.
            return Err(format!(
                "Python cannot order the bases of `{name}` (TypeError: no consistent method resolution order)"
            )
            .into());
        };
        for sequence in &mut sequences {
            if Rc::ptr_eq(&sequence[0], &next) {
                sequence.remove(0);
            }
        }
        order.push(next);
    }
}
