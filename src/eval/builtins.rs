//! Python's builtin functions that settings call (`bool`, `int`, `str`, `list`, `range`, `len`,
//! `getattr`, `exec`...): the result when the arguments are known, the exception Python would
//! raise when djsafe can tell, `Unknown` otherwise. `exec` of a repository file and `compile`
//! are in `exec_files`.

use super::strings::python_int;
use super::value::{Args, EnvDeps, Kind, Object, Value, union};
use super::{CodeExecution, Frame, Run, ops};
use crate::source::Span;
use ops::{compare, dict_insert, iterate, set_items, to_repr, to_str};

/// `range()` is listed up to this many items (settings use it for small loops).
const MAX_RANGE: usize = 1000;

impl Run<'_> {
    /// A call of `builtins.<name>`; `None` for a builtin djsafe does not model here (the caller
    /// tries the library tables next).
    pub(super) fn call_builtin(
        &mut self,
        frame: &mut Frame,
        path: &str,
        args: &Args,
        span: Span,
    ) -> Option<Value> {
        Some(match path {
            "builtins.bool" => match args.positional.first() {
                None => Value::new(Kind::Bool(false), span),
                Some(v) => match v.truthy() {
                    Some(b) => Value::new(Kind::Bool(b), span).with_env(&v.env),
                    None => v.clone(),
                },
            },
            "builtins.repr" => match args.positional.first() {
                Some(v) => to_repr(v, span),
                None => Value::unknown("repr() without an argument raises TypeError", span),
            },
            "builtins.str" => match args.positional.first() {
                None => Value::str("", span),
                Some(v) => to_str(v, span),
            },
            // `int(text, base)`: not evaluated.
            "builtins.int" if args.positional.len() > 1 || !args.keywords.is_empty() => {
                Value::unknown("int() with a base is not evaluated", span)
            }
            "builtins.int" => match args.positional.first().map(|v| (v, &v.kind)) {
                None => Value::new(Kind::Int(0), span),
                Some((v, Kind::Int(_))) => v.clone(),
                Some((v, Kind::Bool(b))) => {
                    Value::new(Kind::Int(i64::from(*b)), span).with_env(&v.env)
                }
                // `int(7200.0)` truncates toward zero.
                Some((v, Kind::Float(f))) if f.is_finite() && f.abs() < 9.0e18 => {
                    Value::new(Kind::Int(f.trunc() as i64), span).with_env(&v.env)
                }
                Some((v, Kind::Str(s))) => match python_int(s) {
                    Ok(i) => Value::new(Kind::Int(i), span).with_env(&v.env),
                    Err(true) => {
                        self.raised = Some("ValueError");
                        Value::unknown(format!("int({v}) raises ValueError"), span).with_env(&v.env)
                    }
                    Err(false) => {
                        Value::unknown(format!("int({v}) is not evaluated"), span).with_env(&v.env)
                    }
                },
                Some((v, _)) => {
                    Value::unknown(format!("int() of {v} is not evaluated"), span).with_env(&v.env)
                }
            },
            "builtins.list" | "builtins.tuple" | "builtins.set" => match args.positional.first() {
                None => Value::new(sequence_kind(path, Vec::new()), span),
                Some(v) => match iterate(v) {
                    Some(items) => Value::new(sequence_kind(path, items), span).with_env(&v.env),
                    None => Value::unknown(format!("cannot list the items of {v}"), span)
                        .with_env(&v.env),
                },
            },
            "builtins.range" => {
                let bounds: Option<Vec<i64>> = args
                    .positional
                    .iter()
                    .map(|a| match a.kind {
                        Kind::Int(i) => Some(i),
                        _ => None,
                    })
                    .collect();
                let (start, stop, step) = match bounds.as_deref() {
                    Some([stop]) => (0, *stop, 1),
                    Some([start, stop]) => (*start, *stop, 1),
                    Some([start, stop, step]) if *step != 0 => (*start, *stop, *step),
                    _ => {
                        return Some(Value::unknown(
                            "range() with arguments djsafe cannot read",
                            span,
                        ));
                    }
                };
                let items: Vec<Value> = std::iter::successors(Some(start), |i| i.checked_add(step))
                    .take_while(|i| if step > 0 { *i < stop } else { *i > stop })
                    .take(MAX_RANGE + 1)
                    .map(|i| Value::new(Kind::Int(i), span))
                    .collect();
                if items.len() > MAX_RANGE {
                    return Some(Value::unknown(
                        format!("range() of more than {MAX_RANGE} items is not listed"),
                        span,
                    ));
                }
                Value::new(Kind::List(Object::new(items)), span)
            }
            "builtins.float" => match args.positional.first().map(|v| (v, &v.kind)) {
                Some((v, Kind::Float(_))) => v.clone(),
                Some((v, Kind::Int(i))) => {
                    Value::new(Kind::Float(*i as f64), span).with_env(&v.env)
                }
                Some((v, Kind::Str(s))) => match s.trim().parse::<f64>() {
                    Ok(f) => Value::new(Kind::Float(f), span).with_env(&v.env),
                    // Python also reads `1_000.5` and digits outside ASCII.
                    Err(_) if s.contains('_') || !s.is_ascii() => {
                        Value::unknown(format!("float({v}) is not evaluated"), span)
                            .with_env(&v.env)
                    }
                    Err(_) => {
                        self.raised = Some("ValueError");
                        Value::unknown(format!("float({v}) raises ValueError"), span)
                            .with_env(&v.env)
                    }
                },
                Some((v, _)) => Value::unknown(format!("float() of {v} is not evaluated"), span)
                    .with_env(&v.env),
                None => Value::new(Kind::Float(0.0), span),
            },
            "builtins.min" | "builtins.max" | "builtins.sorted" => {
                // Of one unknown value: unknown for the same reason (`sorted(glob.glob(...))`
                // of files outside the repository says so).
                if let [one] = args.positional.as_slice()
                    && one.unknown_reason().is_some()
                    && args.keywords.is_empty()
                {
                    return Some(one.clone());
                }
                let items = match args.positional.as_slice() {
                    [one] => iterate(one).or_else(|| super::exec_files::unordered_items(one)),
                    many if many.len() > 1 => Some(many.to_vec()),
                    _ => None,
                };
                let env = args
                    .positional
                    .iter()
                    .fold(EnvDeps::default(), |env, a| union(&env, &a.env));
                let Some(mut items) =
                    items.filter(|items| !items.is_empty() || path == "builtins.sorted")
                else {
                    return Some(Value::unknown(
                        format!("`{path}()` with arguments djsafe cannot list"),
                        span,
                    ));
                };
                let mut unordered = false;
                items.sort_by(|a, b| match (compare("<", a, b), compare("<", b, a)) {
                    (Some(true), _) => std::cmp::Ordering::Less,
                    (_, Some(true)) => std::cmp::Ordering::Greater,
                    (Some(false), Some(false)) => std::cmp::Ordering::Equal,
                    _ => {
                        unordered = true;
                        std::cmp::Ordering::Equal
                    }
                });
                if unordered || !args.keywords.is_empty() {
                    return Some(
                        Value::unknown(format!("`{path}()` of values djsafe cannot order"), span)
                            .with_env(&env),
                    );
                }
                match path {
                    "builtins.min" => items[0].clone(),
                    "builtins.max" => items[items.len() - 1].clone(),
                    _ => Value::new(Kind::List(Object::new(items)), span),
                }
                .with_env(&env)
            }
            "builtins.len" => match args.positional.first() {
                Some(v) => match (
                    &v.kind,
                    iterate(v).or_else(|| super::exec_files::unordered_items(v)),
                ) {
                    (Kind::Str(s), _) => {
                        Value::new(Kind::Int(s.chars().count() as i64), span).with_env(&v.env)
                    }
                    (_, Some(items)) => {
                        Value::new(Kind::Int(items.len() as i64), span).with_env(&v.env)
                    }
                    _ => {
                        Value::unknown(format!("len() of {v} is not known"), span).with_env(&v.env)
                    }
                },
                None => Value::unknown("len() without an argument", span),
            },
            // `getattr(module_or_class, 'NAME', default)`: settings read from a configuration module.
            // `setattr(conf, 'HOSTS', value)` on a project module: as `conf.HOSTS = value`.
            "builtins.setattr" => match args.positional.as_slice() {
                [module, name, value] if let Kind::Module(index) = module.kind => {
                    match name.as_str() {
                        Some(name) => {
                            self.write_module_attribute(frame, index, name, value.clone(), span)
                        }
                        None => {
                            let reason = format!(
                                "may be set by setattr() at {}, whose name djsafe cannot read",
                                self.line_at(span)
                            );
                            self.forget_module_names(index, &reason.as_str().into());
                            let control = frame.control.clone();
                            self.forget_reachable(std::slice::from_ref(value), &reason, &control);
                        }
                    }
                    Value::new(Kind::None, span)
                }
                _ => return None,
            },
            "builtins.getattr" => {
                let (Some(object), Some(name)) = (
                    args.positional.first(),
                    args.positional.get(1).and_then(Value::as_str),
                ) else {
                    // Any attribute of the object may be the result: a change made through it
                    // would be lost.
                    if let Some(object) = args.positional.first() {
                        let held = match &object.kind {
                            Kind::Module(index) => self
                                .module_names(frame, *index)
                                .bindings
                                .values()
                                .map(|b| b.value.clone())
                                .collect(),
                            _ => super::escape::children(object),
                        };
                        let reason = format!(
                            "may be changed through getattr() at {}, whose attribute djsafe cannot read",
                            self.line_at(span)
                        );
                        let control = frame.control.clone();
                        self.forget_reachable(&held, &reason, &control);
                    }
                    return Some(Value::unknown(
                        "getattr() with arguments djsafe cannot read",
                        span,
                    ));
                };
                let found = match &object.kind {
                    Kind::Module(index) => self
                        .module_names(frame, *index)
                        .bindings
                        .get(name)
                        .map(|b| b.value.clone()),
                    Kind::Class(class) => class.attribute(name, span),
                    _ => {
                        return Some(Value::unknown(
                            format!("getattr() on {object} is not modelled by djsafe"),
                            span,
                        ));
                    }
                };
                match (found, args.positional.get(2)) {
                    (Some(value), _) => value,
                    (None, Some(default)) => default.clone(),
                    (None, None) => {
                        self.raised = Some("AttributeError");
                        Value::unknown(
                            format!("`{name}` is not defined: getattr() raises AttributeError"),
                            span,
                        )
                    }
                }
            }
            "builtins.dict" if args.positional.is_empty() => {
                let mut pairs = Vec::new();
                for (k, v) in &args.keywords {
                    dict_insert(&mut pairs, Value::str(k, span), v.clone());
                }
                Value::new(Kind::Dict(Object::new(pairs)), span)
            }
            "builtins.compile" => self.compile(args, span),
            "builtins.exec" | "builtins.eval" => {
                if path == "builtins.exec"
                    && let Some(done) = self.exec_repository_file(frame, args, span)
                {
                    return Some(done);
                }
                let function = &path["builtins.".len()..];
                let reason = format!("`{function}(...)` runs code djsafe cannot see");
                if path == "builtins.exec" {
                    frame.ns.opaque = Some(reason.clone().into());
                }
                let env = args
                    .positional
                    .iter()
                    .fold(EnvDeps::default(), |env, a| union(&env, &a.env));
                if !env.is_empty() {
                    self.code_execution.push(CodeExecution {
                        span,
                        function: function.into(),
                        env: env.clone(),
                    });
                }
                Value::unknown(reason, span).with_env(&env)
            }
            _ => return None,
        })
    }
}

fn sequence_kind(path: &str, items: Vec<Value>) -> Kind {
    match path {
        "builtins.list" => Kind::List(Object::new(items)),
        "builtins.tuple" => Kind::tuple(items),
        _ => Kind::Set(Object::new(set_items(items))),
    }
}
