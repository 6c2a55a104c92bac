//! The list, dict and set methods that change their receiver (`append`, `update`, `pop`...):
//! what each does to the object's contents and returns, as Python does.

use super::{dict_insert, iterate};
use crate::eval::value::{Args, Kind, MAX_SIZE, Value};
use crate::source::Span;

/// The change a method makes to its receiver's object; `Err` with the reason when djsafe cannot
/// follow it (the caller then makes the contents unknown).
pub fn change(receiver: &Value, method: &str, args: &Args, span: Span) -> Result<Value, String> {
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
                            let added: Vec<Value> = super::set_items(other.clone())
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
