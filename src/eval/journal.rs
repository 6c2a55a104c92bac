//! What undecided branches do to objects. When a condition cannot be decided both sides run;
//! the changes each side makes to lists, dicts and sets are journaled so the other side starts
//! from the same contents, and an object the two sides leave different ends up with unknown
//! contents.

use std::rc::Rc;

use super::Run;
use super::escape::{children, held_reason};
use super::value::{EnvDeps, Items, Kind, Pairs, Value};

/// An object's contents before a change made while a branch may still be undone.
pub(super) enum Undo {
    Items(Items, Result<Vec<Value>, Rc<str>>),
    Pairs(Pairs, Result<Vec<(Value, Value)>, Rc<str>>),
}

impl Undo {
    pub(super) fn of(value: &Value) -> Option<Undo> {
        match &value.kind {
            Kind::List(o) | Kind::Set(o) => Some(Undo::Items(o.clone(), o.state())),
            Kind::Dict(o) => Some(Undo::Pairs(o.clone(), o.state())),
            _ => None,
        }
    }

    /// The values the saved contents hold.
    fn saved_values(&self) -> Vec<Value> {
        match self {
            Undo::Items(_, state) => state.clone().unwrap_or_default(),
            Undo::Pairs(_, state) => state
                .clone()
                .unwrap_or_default()
                .into_iter()
                .flat_map(|(k, v)| [k, v])
                .collect(),
        }
    }

    fn pointer(&self) -> *const () {
        match self {
            Undo::Items(o, _) => Rc::as_ptr(o).cast(),
            Undo::Pairs(o, _) => Rc::as_ptr(o).cast(),
        }
    }

    /// The same object with its current contents.
    pub(super) fn now(&self) -> Undo {
        match self {
            Undo::Items(o, _) => Undo::Items(o.clone(), o.state()),
            Undo::Pairs(o, _) => Undo::Pairs(o.clone(), o.state()),
        }
    }

    fn restore(self) {
        match self {
            Undo::Items(o, state) => o.set_state(state),
            Undo::Pairs(o, state) => o.set_state(state),
        }
    }

    /// Whether the object's current contents are these: the same objects in the same places.
    fn matches_now(&self) -> bool {
        fn same<T>(
            a: &Result<Vec<T>, Rc<str>>,
            b: &Result<Vec<T>, Rc<str>>,
            eq: impl Fn(&T, &T) -> bool,
        ) -> bool {
            match (a, b) {
                (Ok(a), Ok(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| eq(x, y)),
                _ => false,
            }
        }
        match self {
            Undo::Items(o, state) => same(state, &o.state(), |a, b| a.same(b)),
            Undo::Pairs(o, state) => {
                same(state, &o.state(), |(k, v), (l, w)| k.same(l) && v.same(w))
            }
        }
    }

    pub(super) fn state_is_known(&self) -> bool {
        match self {
            Undo::Items(o, _) => o.unknown_reason().is_none(),
            Undo::Pairs(o, _) => o.unknown_reason().is_none(),
        }
    }

    pub(super) fn forget(&self, reason: &Rc<str>, env: &EnvDeps) {
        match self {
            Undo::Items(o, _) => {
                o.set_state(Err(reason.clone()));
                o.add_env(env);
            }
            Undo::Pairs(o, _) => {
                o.set_state(Err(reason.clone()));
                o.add_env(env);
            }
        }
    }
}

/// Where a branch started in the journal, and what the first side left in the objects it changed.
pub(super) struct Fork {
    mark: usize,
    taken: Vec<Undo>,
}

impl Run<'_> {
    /// Remembers `value`'s contents (a list, dict or set) before it changes, while inside a branch.
    pub(super) fn record(&mut self, value: &Value) {
        if self.forks > 0
            && let Some(undo) = Undo::of(value)
        {
            self.journal.push(undo);
        }
    }

    /// Starts running both sides of an undecided condition.
    pub(super) fn fork(&mut self) -> Fork {
        self.forks += 1;
        Fork {
            mark: self.journal.len(),
            taken: Vec::new(),
        }
    }

    /// The first side has run: keeps what it left in each object it changed, and puts their
    /// contents back as they were before it, for the other side.
    pub(super) fn other_side(&mut self, fork: &mut Fork) {
        let changes = self.journal.split_off(fork.mark);
        for change in &changes {
            if !fork.taken.iter().any(|t| t.pointer() == change.pointer()) {
                fork.taken.push(change.now());
            }
        }
        for change in changes.into_iter().rev() {
            change.restore();
        }
    }

    /// Both sides have run: an object they left with different contents has unknown contents.
    pub(super) fn join_objects(&mut self, fork: Fork, reason: &str, control: &EnvDeps) {
        self.forks -= 1;
        let mut differ: Vec<Undo> = Vec::new();
        // Changed by the first side: compare with what the second left.
        for taken in &fork.taken {
            if !taken.matches_now() {
                differ.push(taken.now());
            }
        }
        // Changed by the second side only: compare with the contents before the branch.
        let mut seen: Vec<*const ()> = fork.taken.iter().map(Undo::pointer).collect();
        for change in &self.journal[fork.mark..] {
            if seen.contains(&change.pointer()) {
                continue;
            }
            seen.push(change.pointer());
            if !change.matches_now() {
                differ.push(change.now());
            }
        }
        // What either side left in them may be changed through them later, as djsafe no
        // longer knows which side ran: those objects become unknown too.
        let mut held: Vec<Value> = Vec::new();
        for object in &differ {
            held.extend(object.saved_values());
        }
        for taken in &fork.taken {
            if differ.iter().any(|d| d.pointer() == taken.pointer()) {
                held.extend(taken.saved_values());
            }
        }
        let reason: Rc<str> = reason.into();
        for object in differ {
            if self.forks > 0 {
                self.journal.push(object.now());
            }
            object.forget(&reason, control);
        }
        if !held.is_empty() {
            self.forget_reachable(&held, &held_reason(&reason), control);
        }
    }

    /// Makes the contents of `value` (a list, dict or set) unknown, for every name holding it.
    /// The objects it held become unknown too: a change made through it is no longer followed.
    pub(super) fn forget_contents(&mut self, value: &Value, reason: &str, env: &EnvDeps) {
        let held = children(value);
        self.record(value);
        if let Some(undo) = Undo::of(value) {
            undo.forget(&reason.into(), env);
        }
        if !held.is_empty() {
            self.forget_reachable(&held, &held_reason(reason), env);
        }
    }
}
