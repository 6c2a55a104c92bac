//! Changing lists, dicts and sets in place, as Python does: every name and container holding the
//! object sees the change (`B = A; A.append(x)`, a module's list extended by each module that
//! star-imports it). Inside an undecided branch each change is journaled first (see `journal`).
//! What each method does to its receiver's contents is in `ops::in_place`.

use std::rc::Rc;

use super::escape::held_reason;
use super::ops::{self, dict_insert};
use super::value::{Args, Kind, Value};
use super::{Frame, Run};
use crate::source::Span;

impl Run<'_> {
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
        match ops::change(receiver, method, &args, span) {
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
        if super::os_environ::is_environ_copy(container) {
            self.write_environ_copy(container.origin);
        }
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

fn object_pointer(value: &Value) -> Option<*const ()> {
    match &value.kind {
        Kind::List(o) | Kind::Set(o) => Some(Rc::as_ptr(o).cast()),
        Kind::Dict(o) => Some(Rc::as_ptr(o).cast()),
        _ => None,
    }
}
