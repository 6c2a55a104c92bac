//! Objects djsafe stops following. A list, dict or set keeps known contents only while every
//! reference to it is one djsafe follows: once it is reachable from something djsafe does not
//! know (a container whose contents became unknown, an item read with a key djsafe cannot
//! evaluate, an argument of a call it does not follow, one of two values an undecided condition
//! chooses between), a change made through that reference would be lost, so its contents become
//! unknown too. Immutable values reachable from it (strings, numbers, tuples of them) stay as
//! they are: nothing can change them. A project module reached that way may have any of its
//! attributes rebound (`MODS[0].DEBUG = True`): its names become unknown.

use std::collections::HashSet;
use std::rc::Rc;

use super::journal::Undo;
use super::value::{Args, EnvDeps, Kind, Namespace, Value};
use super::{Frame, Run};

/// The values directly inside `value` that may lead to a list, dict or set: a container's known
/// items, a tuple's items, a bound method's receiver, a library object's arguments, a function's
/// defaults, a class's attributes.
pub(super) fn children(value: &Value) -> Vec<Value> {
    match &value.kind {
        Kind::Tuple(items) => items.to_vec(),
        Kind::List(o) | Kind::Set(o) => o.get().unwrap_or_default(),
        Kind::Dict(o) => o
            .get()
            .unwrap_or_default()
            .into_iter()
            .flat_map(|(k, v)| [k, v])
            .collect(),
        Kind::Method(receiver, _) => vec![(**receiver).clone()],
        Kind::Instance(instance) => instance
            .positional
            .iter()
            .chain(instance.keywords.iter().map(|(_, v)| v))
            .cloned()
            .collect(),
        Kind::Function(function) => function
            .params
            .iter()
            .filter_map(|p| p.default.clone())
            .collect(),
        Kind::Class(class) => class
            .attributes
            .bindings
            .values()
            .map(|b| b.value.clone())
            .chain(class.bases.iter().cloned())
            .collect(),
        _ => Vec::new(),
    }
}

/// The lists, dicts and sets reachable from `values` through known contents, each once, and the
/// project modules reachable (whose names `module_names` gives: a module's attributes lead to
/// its objects). Every object is visited once and classes, functions, library objects and
/// modules once each, so cycles end.
fn reachable(
    values: &[Value],
    module_names: &dyn Fn(usize) -> Option<Rc<Namespace>>,
) -> (Vec<Undo>, Vec<usize>) {
    let mut seen: HashSet<*const ()> = HashSet::new();
    let mut found = Vec::new();
    let mut modules: Vec<usize> = Vec::new();
    let mut stack: Vec<Value> = values.to_vec();
    while let Some(value) = stack.pop() {
        if let Kind::Module(index) = value.kind {
            if !modules.contains(&index) {
                modules.push(index);
                if let Some(namespace) = module_names(index) {
                    stack.extend(namespace.bindings.values().map(|b| b.value.clone()));
                }
            }
            continue;
        }
        let pointer: Option<*const ()> = match &value.kind {
            Kind::List(o) | Kind::Set(o) => Some(Rc::as_ptr(o).cast()),
            Kind::Dict(o) => Some(Rc::as_ptr(o).cast()),
            Kind::Class(c) => Some(Rc::as_ptr(c).cast()),
            Kind::Function(f) => Some(Rc::as_ptr(f).cast()),
            Kind::Instance(i) => Some(Rc::as_ptr(i).cast()),
            _ => None,
        };
        if let Some(pointer) = pointer
            && !seen.insert(pointer)
        {
            continue;
        }
        if let Some(undo) = Undo::of(&value) {
            found.push(undo);
        }
        stack.extend(children(&value));
    }
    (found, modules)
}

/// Why an object held by `holder`'s unknown contents is unknown.
pub(super) fn held_reason(reason: &str) -> String {
    format!(
        "held by a list, dict or set whose contents are unknown ({reason}): a change made through it is not followed"
    )
}

/// Makes the contents of every list, dict and set in `value` unknown (without journaling: used
/// where a name stops being known, which no branch undoes).
pub(super) fn forget_objects_of(value: &Value, reason: &str, env: &EnvDeps) {
    let reason: Rc<str> = reason.into();
    // Modules are not followed here (no run at hand): the contents this is used for (a
    // container too big to evaluate) are built from lists and dicts, which hold no module.
    for object in reachable(std::slice::from_ref(value), &|_| None).0 {
        object.forget(&reason, env);
    }
}

impl Run<'_> {
    /// Makes the contents of every list, dict and set in `values` unknown, for every name that
    /// holds them: code djsafe does not follow may change them.
    pub(super) fn forget_reachable(&mut self, values: &[Value], reason: &str, env: &EnvDeps) {
        let (objects, modules) = {
            let (finished, partial) = (&self.modules, &self.partial);
            reachable(values, &|index| {
                finished
                    .get(&index)
                    .or_else(|| partial.get(&index))
                    .cloned()
            })
        };
        let reason: Rc<str> = reason.into();
        for object in objects {
            if object.state_is_known() {
                if self.forks > 0 {
                    self.journal.push(object.now());
                }
                object.forget(&reason, env);
            }
        }
        // A module reached where djsafe stops following (`MODS = [base]` sorted by a key it
        // does not model, then `MODS[0].DEBUG = True`) may have any attribute rebound.
        for module in modules {
            self.forget_module_names(module, &reason);
        }
    }

    /// What `container` holds escapes (an item was read with a key djsafe cannot evaluate): the
    /// objects inside it become unknown, while the container keeps its known contents (the same
    /// items, whose own contents are now unknown).
    pub(super) fn forget_items(&mut self, container: &Value, reason: &str, env: &EnvDeps) {
        let items = children(container);
        if !items.is_empty() {
            self.forget_reachable(&items, reason, env);
        }
    }

    /// An operator's result djsafe does not know may hold its operands' items (`[APPS] * 2`,
    /// `X *= n`): a change made through it would be lost, so what the operands hold escapes.
    pub(super) fn forget_operands(
        &mut self,
        frame: &Frame,
        node: tree_sitter::Node,
        operands: [&Value; 2],
    ) {
        let reason = format!(
            "may be changed through `{}` at {}, which djsafe does not evaluate",
            self.text(frame, node),
            self.line(frame, node)
        );
        let control = frame.control.clone();
        for operand in operands {
            self.forget_items(operand, &reason, &control);
        }
    }

    /// The objects passed to a call djsafe does not follow may be changed by it.
    pub(super) fn forget_arguments(&mut self, frame: &Frame, args: &Args, reason: &str) {
        let values: Vec<Value> = args
            .positional
            .iter()
            .chain(args.keywords.iter().map(|(_, v)| v))
            .cloned()
            .collect();
        let control = frame.control.clone();
        self.forget_reachable(&values, reason, &control);
    }
}
