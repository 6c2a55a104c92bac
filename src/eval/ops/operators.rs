//! Python's operators on values: `+`, `%`, `/` on paths, comparisons, `in`, `is`, unary minus.
//! Both sides known gives the result; anything else is `Unknown` with the variables of both.

use std::rc::Rc;

use super::{dict_insert, format, iterate};
use crate::eval::value::{Kind, MAX_STR_BYTES, Object, Value, union};
use crate::eval::{library_values, paths};
use crate::source::Span;

/// Python's `==`, when both sides are known all the way down.
fn equal(a: &Value, b: &Value) -> Option<bool> {
    use Kind::{Bool, Dict, External, Float, Int, List, Set, Tuple, Unknown};
    Some(match (&a.kind, &b.kind) {
        (Unknown(_), _) | (_, Unknown(_)) | (External(_), _) | (_, External(_)) => return None,
        // A variable set to a value the repository does not show is some string: equal to the
        // same variable's value, never to what is not a string, and maybe to any string.
        (Kind::FromEnv(x), Kind::FromEnv(y)) if x == y => true,
        (Kind::FromEnv(_), other) | (other, Kind::FromEnv(_)) => {
            return match other {
                Kind::Str(_) | Kind::FromEnv(_) | Kind::Random(_) => None,
                _ => Some(false),
            };
        }
        // A value generated at import (a random key) is not known either.
        (Kind::Random(_), _) | (_, Kind::Random(_)) => return None,
        (Int(x), Float(y)) | (Float(y), Int(x)) => (*x as f64) == *y,
        (Bool(x), Int(y)) | (Int(y), Bool(x)) => i64::from(*x) == *y,
        (List(_), List(_)) | (Tuple(_), Tuple(_)) => {
            let (x, y) = (a.items()?, b.items()?);
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !equal(p, q)? {
                    return Some(false);
                }
            }
            true
        }
        (Set(_) | Dict(_), _) | (_, Set(_) | Dict(_)) => {
            if a.contains_unknown() || b.contains_unknown() {
                return None;
            }
            match (&a.kind, &b.kind) {
                (Set(_), Set(_)) => {
                    let (x, y) = (a.items()?, b.items()?);
                    x.len() == y.len() && x.iter().all(|i| y.contains(i))
                }
                (Dict(_), Dict(_)) => {
                    let (x, y) = (a.pairs()?, b.pairs()?);
                    x.len() == y.len() && x.iter().all(|pair| y.contains(pair))
                }
                _ => false,
            }
        }
        (x, y) => x == y,
    })
}

/// One comparison of a (possibly chained) comparison expression.
pub fn compare(op: &str, left: &Value, right: &Value) -> Option<bool> {
    use Kind::{Bool, Dict, Float, Int, List, Set, Str, Tuple, Unknown};
    match op {
        "==" => equal(left, right),
        "!=" | "<>" => equal(left, right).map(|e| !e),
        "in" | "not in" => {
            let found = match (&left.kind, &right.kind) {
                (Str(needle), Str(haystack)) => Some(haystack.contains(&**needle)),
                (_, List(_) | Tuple(_) | Set(_)) => {
                    let items = right.items()?;
                    let mut any_unknown = false;
                    let mut found = false;
                    for item in items.iter() {
                        match equal(left, item) {
                            Some(true) => found = true,
                            Some(false) => {}
                            None => any_unknown = true,
                        }
                    }
                    if found {
                        Some(true)
                    } else if any_unknown {
                        None
                    } else {
                        Some(false)
                    }
                }
                (_, Dict(_)) => {
                    let keys: Vec<Value> = right.pairs()?.into_iter().map(|(k, _)| k).collect();
                    return compare(
                        op,
                        left,
                        &Value {
                            kind: Tuple(Rc::new(keys)),
                            ..right.clone()
                        },
                    );
                }
                _ => None,
            }?;
            Some(if op == "in" { found } else { !found })
        }
        "is" | "is not" => {
            let same = match (&left.kind, &right.kind) {
                (Kind::None, Kind::None) => true,
                (Bool(x), Bool(y)) => x == y,
                (Kind::None | Bool(_), Unknown(_)) | (Unknown(_), Kind::None | Bool(_)) => {
                    return None;
                }
                (Kind::None | Bool(_), _) | (_, Kind::None | Bool(_)) => false,
                _ => return None,
            };
            Some(if op == "is" { same } else { !same })
        }
        "<" | "<=" | ">" | ">=" => {
            let ordering = match (&left.kind, &right.kind) {
                (Int(x), Int(y)) => x.partial_cmp(y),
                (Float(x), Float(y)) => x.partial_cmp(y),
                (Int(x), Float(y)) => (*x as f64).partial_cmp(y),
                (Float(x), Int(y)) => x.partial_cmp(&(*y as f64)),
                (Str(x), Str(y)) => x.partial_cmp(y),
                _ => None,
            }?;
            Some(match op {
                "<" => ordering.is_lt(),
                "<=" => ordering.is_le(),
                ">" => ordering.is_gt(),
                _ => ordering.is_ge(),
            })
        }
        _ => None,
    }
}

pub fn binary(op: &str, left: &Value, right: &Value, span: Span, in_place: bool) -> Value {
    use Kind::{Dict, Float, Int, List, Str, Tuple, Unknown};
    let env = union(&left.env, &right.env);
    if left.is_unknown() {
        return left.clone().with_env(&env);
    }
    if right.is_unknown() {
        return right.clone().with_env(&env);
    }
    if let Some(reason) = left.unknown_reason().or_else(|| right.unknown_reason()) {
        return Value::new(Unknown(reason), span).with_env(&union(&left.deps(), &right.deps()));
    }
    let concat = |a: &Value, b: &[Value]| -> Vec<Value> {
        a.items()
            .unwrap_or_default()
            .into_iter()
            .chain(b.iter().cloned())
            .collect()
    };
    let kind = match (op, &left.kind, &right.kind) {
        ("/", Kind::Path(base), Str(part) | Kind::Path(part)) => {
            Kind::Path(paths::join(&[base, part]).into())
        }
        ("%", Str(template), _) => match format::percent(template, right) {
            Some(text) => Str(text.into()),
            None => {
                return Value::unknown(
                    format!("`%` formatting of {left} with {right} is not evaluated"),
                    span,
                )
                .with_env(&env);
            }
        },
        ("+", Str(a), Str(b)) if a.len() + b.len() <= MAX_STR_BYTES => {
            Str(format!("{a}{b}").into())
        }
        ("+", List(_), List(_)) => List(Object::new(concat(
            left,
            &right.items().unwrap_or_default(),
        ))),
        // `list += iterable` extends with any iterable, unlike `list + list`.
        ("+", List(_), _) if in_place => match iterate(right) {
            Some(items) => List(Object::new(concat(left, &items))),
            None => return Value::unknown(format!("`+=` with {right}"), span).with_env(&env),
        },
        ("+", Tuple(_), Tuple(_)) => Kind::tuple(concat(left, &right.items().unwrap_or_default())),
        ("|", Dict(_), Dict(_)) => {
            let mut pairs = left.pairs().unwrap_or_default();
            right
                .pairs()
                .unwrap_or_default()
                .into_iter()
                .for_each(|(k, v)| dict_insert(&mut pairs, k, v));
            Dict(Object::new(pairs))
        }
        ("+", Int(a), Int(b)) => a
            .checked_add(*b)
            .map(Int)
            .unwrap_or(Unknown("integer overflow".into())),
        ("-", Int(a), Int(b)) => a
            .checked_sub(*b)
            .map(Int)
            .unwrap_or(Unknown("integer overflow".into())),
        ("*", Int(a), Int(b)) => a
            .checked_mul(*b)
            .map(Int)
            .unwrap_or(Unknown("integer overflow".into())),
        ("//", Int(a), Int(b)) if *b != 0 => floor_div_mod(*a, *b)
            .map(|(q, _)| Int(q))
            .unwrap_or(Unknown("integer overflow".into())),
        ("%", Int(a), Int(b)) if *b != 0 => floor_div_mod(*a, *b)
            .map(|(_, r)| Int(r))
            .unwrap_or(Unknown("integer overflow".into())),
        ("/", Int(a), Int(b)) if *b != 0 => Float(*a as f64 / *b as f64),
        ("**", Int(a), Int(b)) if (0..=62).contains(b) => a
            .checked_pow(*b as u32)
            .map(Int)
            .unwrap_or(Unknown("integer overflow".into())),
        ("*", Str(s), Int(n)) | ("*", Int(n), Str(s))
            if (0..=10_000).contains(n) && s.len() * (*n as usize) <= MAX_STR_BYTES =>
        {
            Str(s.repeat(*n as usize).into())
        }
        ("-", Kind::Instance(_), Int(_))
            if library_values::subtract(left, right, span).is_some() =>
        {
            return library_values::subtract(left, right, span)
                .unwrap_or_else(|| Value::unknown("", span))
                .with_env(&env);
        }
        _ => {
            return Value::unknown(
                format!(
                    "`{op}` on {} and {} is not evaluated",
                    left.brief(),
                    right.brief()
                ),
                span,
            )
            .with_env(&env);
        }
    };
    Value::new(kind, span).with_env(&env)
}

/// Python's `a // b` and `a % b`: the quotient rounds toward negative infinity, so the remainder
/// has the divisor's sign (`5 // -2 == -3`, `7 % -3 == -2`). `None` when it overflows.
fn floor_div_mod(a: i64, b: i64) -> Option<(i64, i64)> {
    let (q, r) = (a.checked_div(b)?, a.checked_rem(b)?);
    if r != 0 && (r < 0) != (b < 0) {
        Some((q - 1, r + b))
    } else {
        Some((q, r))
    }
}

pub fn unary(op: &str, value: &Value, span: Span) -> Value {
    let kind = match (op, &value.kind) {
        ("-", Kind::Int(i)) => match i.checked_neg() {
            Some(negated) => Kind::Int(negated),
            None => Kind::Unknown("integer overflow".into()),
        },
        ("-", Kind::Float(f)) => Kind::Float(-f),
        ("+", Kind::Int(_) | Kind::Float(_)) => value.kind.clone(),
        ("~", Kind::Int(i)) => Kind::Int(!i),
        _ if value.is_unknown() => return value.clone(),
        _ => {
            return Value::unknown(format!("`{op}` on {value} is not evaluated"), span)
                .with_env(&value.env);
        }
    };
    Value::new(kind, span).with_env(&value.env)
}
