//! Changing lists, dicts and sets in place, as Python does: every name and container holding the
//! object sees the change (`B = A; A.append(x)`, a module's list extended by each module that
//! star-imports it). When a condition cannot be decided both sides run; the changes each side
//! made to objects are journaled so the other side starts from the same contents, and an object
//! the two sides leave different ends up with unknown contents.

use std::rc::Rc;

use super::escape::{children, held_reason};
use super::ops::{self, dict_insert, iterate};
use super::value::{Args, EnvDeps, Items, Kind, MAX_SIZE, Pairs, Value};
use super::{Frame, Run};
use crate::source::Span;

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

    /// `receiver.method(args)` for a method that changes its receiver: changes the object and
    /// returns what the method returns (`None`, or the item `pop` removed).
    pub(super) fn mutate(
        &mut self,
        frame: &Frame,
        receiver: &Value,
        method: &str,
        args: &Args,
        span: Span,
    ) -> Value {
        self.record(receiver);
        let control = frame.control.clone();
        let args = Args {
            positional: args
                .positional
                .iter()
                .map(|a| a.clone().with_env(&control))
                .collect(),
            keywords: args
                .keywords
                .iter()
                .map(|(k, v)| (k.clone(), v.clone().with_env(&control)))
                .collect(),
        };
        match &receiver.kind {
            Kind::List(o) | Kind::Set(o) => o.add_env(&control),
            Kind::Dict(o) => o.add_env(&control),
            _ => {}
        }
        let pointer = object_pointer(receiver);
        // The receiver given to itself does not put it inside itself: `d.update(d)` and
        // `s.update(s)` change nothing, `l.extend(l)` appends the items it had.
        let mut args = args;
        if let [only] = args.positional.as_slice()
            && args.keywords.is_empty()
            && pointer.is_some()
            && object_pointer(only) == pointer
        {
            match (method, &receiver.kind) {
                ("update", Kind::Dict(_) | Kind::Set(_)) => {
                    return Value::new(Kind::None, span);
                }
                ("extend", Kind::List(_)) => {
                    if let Some(items) = receiver.items() {
                        let copy = Value::new(Kind::List(super::value::Object::new(items)), span)
                            .with_env(&only.env);
                        args.positional = vec![copy];
                    }
                }
                _ => {}
            }
        }
        if args
            .positional
            .iter()
            .chain(args.keywords.iter().map(|(_, v)| v))
            .any(|a| pointer.is_some_and(|p| a.contains_object(p)))
        {
            let reason = format!("`.{method}(...)` puts the object inside itself");
            self.forget_contents(receiver, &reason, &control);
            self.forget_arguments(frame, &args, &held_reason(&reason));
            return Value::unknown(reason, span);
        }
        // What is given to a container whose contents are unknown is held where djsafe no
        // longer follows it.
        if let Some(reason) = receiver.unknown_reason() {
            self.forget_arguments(frame, &args, &held_reason(&reason));
        }
        match change(receiver, method, &args, span) {
            Ok(returned) => returned,
            Err(reason) => {
                self.forget_contents(receiver, &reason, &control);
                self.forget_arguments(frame, &args, &held_reason(&reason));
                Value::unknown(reason, span).with_env(&receiver.env)
            }
        }
    }

    /// `container[key] = value` on a list or dict. Anything else is not followed.
    pub(super) fn set_item(
        &mut self,
        frame: &Frame,
        container: &Value,
        key: &Value,
        value: Value,
        span: Span,
    ) {
        let value = value.with_env(&frame.control);
        if object_pointer(container).is_some_and(|p| value.contains_object(p)) {
            let reason = format!("item assignment puts {container} inside itself");
            self.forget_contents(container, &reason, &frame.control);
            self.forget_reachable(&[value], &held_reason(&reason), &frame.control);
            return;
        }
        // A value stored in a container whose contents are unknown is held where djsafe no
        // longer follows it.
        if let Some(reason) = container
            .unknown_reason()
            .or_else(|| container.is_unknown().then(|| "an unknown value".into()))
        {
            self.forget_reachable(
                std::slice::from_ref(&value),
                &held_reason(&reason),
                &frame.control,
            );
        }
        self.record(container);
        let value_held = value.clone();
        let outcome = match (&container.kind, &key.kind) {
            (
                Kind::Dict(pairs),
                Kind::Str(_) | Kind::Int(_) | Kind::Bool(_) | Kind::None | Kind::Tuple(_),
            ) if !key.contains_unknown() => match pairs.get() {
                Some(mut contents) => {
                    dict_insert(&mut contents, key.clone(), value);
                    pairs.set_state(Ok(contents));
                    pairs.add_env(&frame.control);
                    Ok(())
                }
                None => Ok(()),
            },
            (Kind::List(items), Kind::Int(i)) => match items.get() {
                Some(mut contents) => match ops::index(contents.len(), *i) {
                    Some(at) => {
                        contents[at] = value;
                        items.set_state(Ok(contents));
                        items.add_env(&frame.control);
                        Ok(())
                    }
                    None => Err(format!("index {i} is out of range: the assignment raises")),
                },
                None => Ok(()),
            },
            _ => Err(format!(
                "item assignment {container}[{key}] = ... is not followed"
            )),
        };
        if let Err(reason) = outcome {
            self.forget_contents(container, &reason, &frame.control);
            self.forget_reachable(&[value_held], &held_reason(&reason), &frame.control);
        }
        let _ = span;
    }

    /// `del container[key]`.
    pub(super) fn delete_item(&mut self, frame: &Frame, container: &Value, key: &Value) {
        self.record(container);
        let outcome = match (&container.kind, &key.kind) {
            (Kind::Dict(pairs), _) if !key.contains_unknown() => match pairs.get() {
                Some(mut contents) => {
                    let before = contents.len();
                    contents.retain(|(k, _)| k != key);
                    if contents.len() == before {
                        Err(format!("{key} is not in the dict: `del` raises KeyError"))
                    } else {
                        pairs.set_state(Ok(contents));
                        Ok(())
                    }
                }
                None => Ok(()),
            },
            (Kind::List(items), Kind::Int(i)) => match items.get() {
                Some(mut contents) => match ops::index(contents.len(), *i) {
                    Some(at) => {
                        contents.remove(at);
                        items.set_state(Ok(contents));
                        Ok(())
                    }
                    None => Err(format!("index {i} is out of range: `del` raises")),
                },
                None => Ok(()),
            },
            _ => Err(format!("`del {container}[{key}]` is not followed")),
        };
        if let Err(reason) = outcome {
            self.forget_contents(container, &reason, &frame.control);
        }
    }
}

/// Adds `more` to a list, or to a set where it is not already (which djsafe can only tell of
/// known items).
fn add_items(items: &mut Vec<Value>, more: Vec<Value>, is_set: bool) -> Option<()> {
    for item in more {
        if is_set {
            if item.contains_unknown() || items.iter().any(Value::contains_unknown) {
                return None;
            }
            if items.contains(&item) {
                continue;
            }
        }
        items.push(item);
    }
    Some(())
}

fn object_pointer(value: &Value) -> Option<*const ()> {
    match &value.kind {
        Kind::List(o) | Kind::Set(o) => Some(Rc::as_ptr(o).cast()),
        Kind::Dict(o) => Some(Rc::as_ptr(o).cast()),
        _ => None,
    }
}

/// The change a method makes to its receiver's object; `Err` with the reason when djsafe cannot
/// follow it (the caller then makes the contents unknown).
fn change(receiver: &Value, method: &str, args: &Args, span: Span) -> Result<Value, String> {
    let cannot = || format!("`.{method}(...)` with arguments djsafe cannot follow");
    let none = Value::new(Kind::None, span);
    let arg = |i: usize| args.positional.get(i);
    match &receiver.kind {
        Kind::List(object) | Kind::Set(object) => {
            let is_set = matches!(receiver.kind, Kind::Set(_));
            let Some(mut items) = object.get() else {
                return Ok(Value::unknown(
                    format!("`.{method}()` on a list whose contents are unknown"),
                    span,
                ));
            };
            let returned = match method {
                "append" | "add" => {
                    let item = arg(0).ok_or_else(cannot)?.clone();
                    add_items(&mut items, vec![item], is_set).ok_or_else(cannot)?;
                    none
                }
                "extend" | "update" => {
                    let more = arg(0).and_then(iterate).ok_or_else(cannot)?;
                    add_items(&mut items, more, is_set).ok_or_else(cannot)?;
                    none
                }
                "insert" => match (arg(0).map(|v| &v.kind), arg(1)) {
                    (Some(Kind::Int(i)), Some(v)) => {
                        let len = items.len() as i64;
                        let at = if *i < 0 {
                            (len + i).max(0)
                        } else {
                            (*i).min(len)
                        };
                        items.insert(at as usize, v.clone());
                        none
                    }
                    _ => return Err(cannot()),
                },
                "remove" | "discard" => match arg(0) {
                    Some(v)
                        if !v.contains_unknown() && !items.iter().any(Value::contains_unknown) =>
                    {
                        match items.iter().position(|item| item == v) {
                            Some(at) => {
                                items.remove(at);
                            }
                            None if method == "remove" => {
                                return Err(format!("{v} is not in the list: `.remove()` raises"));
                            }
                            None => {}
                        }
                        none
                    }
                    _ => return Err(cannot()),
                },
                "clear" => {
                    items.clear();
                    none
                }
                "pop" if args.positional.is_empty() && !is_set => items
                    .pop()
                    .ok_or_else(|| "`.pop()` of an empty list raises IndexError".to_string())?,
                "difference_update" | "intersection_update" | "symmetric_difference_update"
                    if is_set =>
                {
                    let others: Vec<Vec<Value>> = args
                        .positional
                        .iter()
                        .map(iterate)
                        .collect::<Option<_>>()
                        .filter(|_| args.keywords.is_empty())
                        .ok_or_else(cannot)?;
                    let known = |values: &[Value]| !values.iter().any(Value::contains_unknown);
                    if !known(&items) || !others.iter().all(|o| known(o)) {
                        return Err(cannot());
                    }
                    match method {
                        "difference_update" => {
                            items.retain(|item| !others.iter().any(|o| o.contains(item)));
                        }
                        "intersection_update" => {
                            items.retain(|item| others.iter().all(|o| o.contains(item)));
                        }
                        _ => {
                            let [other] = others.as_slice() else {
                                return Err(cannot());
                            };
                            let added: Vec<Value> = ops::set_items(other.clone())
                                .into_iter()
                                .filter(|x| !items.contains(x))
                                .collect();
                            items.retain(|item| !other.contains(item));
                            items.extend(added);
                        }
                    }
                    none
                }
                // `items *= n` repeats the list in place.
                "__imul__" if !is_set => match arg(0).map(|v| &v.kind) {
                    Some(Kind::Int(n))
                        if ((*n).max(0) as usize).saturating_mul(items.len()) <= MAX_SIZE =>
                    {
                        let once = std::mem::take(&mut items);
                        for _ in 0..(*n).max(0) {
                            items.extend(once.iter().cloned());
                        }
                        none
                    }
                    _ => return Err("`*=` by a count djsafe cannot follow".to_string()),
                },
                "reverse" if !is_set => {
                    items.reverse();
                    none
                }
                _ => return Err(cannot()),
            };
            object.set_state(Ok(items));
            Ok(returned)
        }
        Kind::Dict(object) => {
            let Some(mut pairs) = object.get() else {
                return Ok(Value::unknown(
                    format!("`.{method}()` on a dict whose contents are unknown"),
                    span,
                ));
            };
            let returned = match method {
                "update" => {
                    if let Some(more) = arg(0) {
                        for (k, v) in more.pairs().ok_or_else(cannot)? {
                            dict_insert(&mut pairs, k, v);
                        }
                    }
                    for (k, v) in &args.keywords {
                        dict_insert(&mut pairs, Value::str(k, span), v.clone());
                    }
                    none
                }
                "setdefault" => match arg(0) {
                    Some(k) if !k.contains_unknown() => {
                        match pairs.iter().find(|(key, _)| key == k) {
                            Some((_, existing)) => existing.clone(),
                            None => {
                                let v = arg(1).cloned().unwrap_or(none);
                                pairs.push((k.clone(), v.clone()));
                                v
                            }
                        }
                    }
                    _ => return Err(cannot()),
                },
                "pop" => match arg(0) {
                    Some(k) if !k.contains_unknown() => {
                        match pairs.iter().position(|(key, _)| key == k) {
                            Some(at) => pairs.remove(at).1,
                            None => match arg(1) {
                                Some(default) => default.clone(),
                                None => {
                                    return Err(format!(
                                        "{k} is not in the dict: `.pop()` raises KeyError"
                                    ));
                                }
                            },
                        }
                    }
                    _ => return Err(cannot()),
                },
                "clear" => {
                    pairs.clear();
                    none
                }
                _ => return Err(cannot()),
            };
            object.set_state(Ok(pairs));
            Ok(returned)
        }
        _ => Err(cannot()),
    }
}

impl Run<'_> {
    /// The names of `module` as code running in `frame` sees them: the frame's own while that
    /// module runs, the finished module's otherwise.
    pub(super) fn module_names(&mut self, frame: &Frame, module: usize) -> Rc<super::Namespace> {
        if frame.module == module {
            match &frame.globals {
                Some(globals) => globals.clone(),
                None => Rc::new(frame.ns.clone()),
            }
        } else {
            self.modules.get(&module).cloned().unwrap_or_default()
        }
    }
}
