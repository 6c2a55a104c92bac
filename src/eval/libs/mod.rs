//! The configuration libraries settings read the environment through, modelled on their source,
//! one file each: django-environ (`environ`), environs (`environs`), python-decouple (`decouple`), django-heroku
//! (`heroku`), django-split-settings (`split_settings`), dbca-utils (`dbca_utils`); dj-database-url's URL parsing is here,
//! since the others use it too. This file is their entry: the calls [`Run::call_external`]
//! routes here, calls of and on the library objects, and casts.
//!
//! These models use the evaluator's environment reads and bindings, and call back into it in
//! two places only: a cast is a call (`cast=int`, `cast=my_helper`), so [`Run::apply_cast`] goes
//! through the dispatcher or a project function; and `include()` runs the included file's
//! statements.

use std::rc::Rc;

use super::ops::iterate;
use super::value::{Args, EnvDeps, Instance, Kind, Object, Value};
use super::{Frame, Run};
use crate::source::Span;

mod dbca_utils;
mod decouple;
mod environ;
mod environs;
mod heroku;
mod split_settings;

/// Library classes whose objects djsafe keeps (with their arguments) to evaluate calls on them.
pub fn is_constructor(path: &str) -> bool {
    matches!(
        path,
        "environ.Env"
            | "environ.environ.Env"
            | "environ.FileAwareEnv"
            | "environ.environ.FileAwareEnv"
            | "decouple.Csv"
            | "decouple.Choices"
            | "decouple.AutoConfig"
            | "split_settings.tools.optional"
    ) || path.starts_with("configurations.values.")
        || environs::class_of(path).is_some()
}

pub fn construct(path: &str, args: &Args, span: Span) -> Value {
    // FileAwareEnv also reads `NAME_FILE` files when those variables are set; with them unset
    // it reads like Env, which is what djsafe models.
    let class = match path {
        "environ.environ.Env" | "environ.FileAwareEnv" | "environ.environ.FileAwareEnv" => {
            "environ.Env"
        }
        _ => environs::class_of(path).unwrap_or(path),
    };
    // django-configurations' sequence and dict values store a copy of their default when the
    // class body runs (`self.default = list(default)`): a later change to the list passed is
    // not theirs. `Value` keeps the object itself.
    let copies_default = path
        .strip_prefix("configurations.values.")
        .is_some_and(|kind| {
            matches!(
                kind,
                "ListValue"
                    | "TupleValue"
                    | "SetValue"
                    | "DictValue"
                    | "SingleNestedListValue"
                    | "SingleNestedTupleValue"
                    | "BackendsValue"
            )
        });
    let copy = |value: &Value| {
        if copies_default {
            shallow_copy(value)
        } else {
            value.clone()
        }
    };
    let instance = Instance {
        class: class.into(),
        positional: args
            .positional
            .iter()
            .enumerate()
            .map(|(i, v)| if i == 0 { copy(v) } else { v.clone() })
            .collect(),
        keywords: args
            .keywords
            .iter()
            .map(|(k, v)| {
                let v = if k == "default" { copy(v) } else { v.clone() };
                (Rc::from(k.as_str()), v)
            })
            .collect(),
    };
    Value::new(Kind::Instance(Rc::new(instance)), span)
}

/// A new list, set or dict with the same items (`list(x)`, `dict(x)`); other values as they are.
fn shallow_copy(value: &Value) -> Value {
    let (kind, changed_under) = match &value.kind {
        Kind::List(o) => (
            o.state().map(|items| Kind::List(Object::new(items))),
            o.env(),
        ),
        Kind::Set(o) => (
            o.state().map(|items| Kind::Set(Object::new(items))),
            o.env(),
        ),
        Kind::Dict(o) => (
            o.state().map(|pairs| Kind::Dict(Object::new(pairs))),
            o.env(),
        ),
        _ => return value.clone(),
    };
    let copied = match kind {
        Ok(kind) => Value {
            kind,
            origin: value.origin,
            env: value.env.clone(),
        },
        Err(reason) => Value::unknown(reason.to_string(), value.origin).with_env(&value.env),
    };
    copied.with_env(&changed_under)
}

fn env_of(name: &str) -> EnvDeps {
    Rc::new([Rc::from(name)].into_iter().collect())
}

impl Run<'_> {
    /// `environ.Env.read_env(...)`, `decouple.config(...)`, `split_settings.tools.include(...)`.
    pub(super) fn call_library(
        &mut self,
        frame: &mut Frame,
        path: &str,
        args: &Args,
        span: Span,
    ) -> Value {
        match path {
            "environ.Env.read_env" => self.read_env(frame, args, span),
            "decouple.config" => self.decouple_config(frame, None, args, span),
            "split_settings.tools.include" => self.include(frame, args, span),
            "dj_database_url.config" => {
                let var = args
                    .keywords
                    .iter()
                    .find(|(k, _)| k == "env")
                    .and_then(|(_, v)| v.as_str())
                    .unwrap_or("DATABASE_URL")
                    .to_string();
                let default = args
                    .keywords
                    .iter()
                    .find(|(k, _)| k == "default")
                    .map(|(_, v)| v.clone());
                let url = match self.url_from_env(&var, default, span) {
                    Ok(url) => url,
                    Err(from_env) => return from_env,
                };
                let deps = env_of(&var);
                match url.as_str() {
                    Some(text) => database_url(text, url.origin).with_env(&deps),
                    None if matches!(url.kind, Kind::None) => {
                        Value::new(Kind::Dict(Object::new(Vec::new())), span).with_env(&deps)
                    }
                    None => url.with_env(&deps),
                }
            }
            "dj_database_url.parse" => match args.positional.first() {
                Some(url) => match url.as_str() {
                    Some(text) => database_url(text, url.origin).with_env(&url.env),
                    None => url.clone(),
                },
                None => Value::unknown("dj_database_url.parse() without a URL", span),
            },
            // `config(env=..., default=...)`: `parse(os.environ.get(env, default))` when that is
            // a non-empty string, else `{}`.
            "dj_email_url.config" | "django_cache_url.config" => {
                let email = path.starts_with("dj_email_url");
                let var = match args.get(0, "env") {
                    Some(var) => match var.as_str() {
                        Some(var) => var.to_string(),
                        None => {
                            return Value::unknown(
                                format!("`{path}()` of a variable djsafe cannot name"),
                                span,
                            );
                        }
                    },
                    None if email => "EMAIL_URL".into(),
                    None => "CACHE_URL".into(),
                };
                let default = args
                    .get(1, "default")
                    .cloned()
                    .or_else(|| (!email).then(|| Value::str("locmem://", span)));
                let url = match self.url_from_env(&var, default, span) {
                    Ok(url) => url,
                    Err(from_env) => return from_env,
                };
                let parsed = match url.as_str() {
                    Some("") => Ok(Value::new(Kind::Dict(Object::new(Vec::new())), span)),
                    Some(text) if email => super::url_configs::dj_email_url(text, url.origin),
                    Some(text) => super::url_configs::django_cache_url(text, url.origin),
                    None if matches!(url.kind, Kind::None) => {
                        Ok(Value::new(Kind::Dict(Object::new(Vec::new())), span))
                    }
                    None => Ok(url.clone()),
                };
                self.raise_or(parsed, span).with_env(&env_of(&var))
            }
            "dj_email_url.parse" | "django_cache_url.parse" => {
                let Some(url) = args.get(0, "url") else {
                    return Value::unknown(format!("`{path}()` without a URL"), span);
                };
                let Some(text) = url.as_str() else {
                    return match url.kind {
                        Kind::Unknown(_) | Kind::FromEnv(_) => url.clone(),
                        _ => Value::unknown(
                            format!("`{path}()` of {url} is not modelled by djsafe"),
                            span,
                        ),
                    };
                };
                let parsed = if path.starts_with("dj_email_url") {
                    super::url_configs::dj_email_url(text, url.origin)
                } else {
                    super::url_configs::django_cache_url(text, url.origin)
                };
                self.raise_or(parsed, span).with_env(&url.env)
            }
            "django_heroku.settings" => self.heroku(frame, args, span),
            "dbca_utils.utils.env" => self.dbca_env(frame, args, span),
            _ => Value::unknown(format!("`{path}()` is not modelled by djsafe"), span),
        }
    }

    /// The URL a `config()` reads: the variable when set, else the default (`None` when there
    /// is none). `Err` with the value to return when the deployment sets the variable to a
    /// value the repository does not say.
    fn url_from_env(
        &mut self,
        var: &str,
        default: Option<Value>,
        span: Span,
    ) -> Result<Value, Value> {
        if let super::EnvRead::SetUnknown = self.env_read(var) {
            return Err(Value::new(Kind::FromEnv(var.into()), span).with_env(&env_of(var)));
        }
        Ok(match self.getenv(var) {
            Some(url) => Value::str(&url, span),
            None => default.unwrap_or(Value::new(Kind::None, span)),
        })
    }

    /// A library's result, or the exception it raises.
    pub(super) fn raise_or(
        &mut self,
        result: Result<Value, super::stdlib::Raise>,
        span: Span,
    ) -> Value {
        match result {
            Ok(value) => value,
            Err((exception, message)) => {
                self.raised = Some(exception);
                Value::unknown(format!("{exception}: {message}"), span)
            }
        }
    }

    /// Calling an object: `env('DEBUG')`, `config('DEBUG')` on an AutoConfig, a cast object.
    pub(super) fn call_instance(
        &mut self,
        frame: &mut Frame,
        instance: &Rc<Instance>,
        callee: &Value,
        args: &Args,
        span: Span,
    ) -> Value {
        match &*instance.class {
            "environ.Env" => {
                let (var, cast, default) = (
                    args.get(0, "var"),
                    args.get(1, "cast"),
                    args.get(2, "default"),
                );
                let parse_default = args
                    .get(3, "parse_default")
                    .and_then(Value::truthy)
                    .unwrap_or(false);
                self.environ_value(
                    frame,
                    instance,
                    var,
                    cast.cloned(),
                    default.cloned(),
                    parse_default,
                    span,
                )
            }
            "environs.Env" | "environs.FileAwareEnv" => {
                self.environs_value(frame, instance, "str", args, span)
            }
            "decouple.AutoConfig" => self.decouple_config(frame, Some(instance), args, span),
            "decouple.Csv" | "decouple.Choices" => match args.positional.first() {
                Some(value) => self.apply_cast(frame, callee, value.clone(), span),
                None => Value::unknown("cast called without a value", span),
            },
            class => super::library_values::call_object(callee, args, span).unwrap_or_else(|| {
                Value::unknown(
                    format!("calling a `{class}` object is not modelled by djsafe"),
                    span,
                )
            }),
        }
    }

    /// Methods of modelled objects: `env.bool(...)`, `Path.resolve()`.
    pub(super) fn call_object_method(
        &mut self,
        frame: &mut Frame,
        receiver: &Value,
        method: &str,
        args: &Args,
        span: Span,
    ) -> Value {
        if let Kind::Path(path) = &receiver.kind {
            return super::paths::method(path, method, args, span)
                .map(|v| v.with_env(&receiver.env))
                .unwrap_or_else(|| {
                    Value::unknown(format!("`Path.{method}()` is not modelled by djsafe"), span)
                });
        }
        let Kind::Instance(instance) = &receiver.kind else {
            return Value::unknown(format!("`.{method}()` is not modelled by djsafe"), span);
        };
        if let Some(value) = super::library_values::method(receiver, method, args, span) {
            return value;
        }
        if matches!(&*instance.class, "environs.Env" | "environs.FileAwareEnv") {
            return self.environs_value(frame, instance, method, args, span);
        }
        if &*instance.class != "environ.Env" {
            return Value::unknown(
                format!("`{}.{method}()` is not modelled by djsafe", instance.class),
                span,
            );
        }
        let cast = match method {
            "read_env" => return self.read_env(frame, args, span),
            // `env.get_value(var, cast, default, parse_default)` is what `env(...)` calls.
            "get_value" => return self.call_instance(frame, instance, receiver, args, span),
            "bool" | "int" | "float" | "str" | "list" | "tuple" | "dict" => {
                let builtin = Value::new(Kind::External(format!("builtins.{method}").into()), span);
                match (method, args.get(1, "cast")) {
                    // `env.list('X', cast=int)` casts each item.
                    ("list" | "tuple", Some(item_cast)) => {
                        Value::new(Kind::List(Object::new(vec![item_cast.clone()])), span)
                    }
                    _ => builtin,
                }
            }
            "json" => Value::new(Kind::External("json.loads".into()), span),
            "db" | "db_url" | "search_url" => {
                Value::new(Kind::External("environ.db_url".into()), span)
            }
            "cache" | "cache_url" | "email" | "email_url" => {
                if args.get(2, "backend").is_some() {
                    return Value::unknown(
                        format!("`env.{method}()` with a backend is not modelled by djsafe"),
                        span,
                    );
                }
                let parser = if method.starts_with("cache") {
                    "environ.cache_url"
                } else {
                    "environ.email_url"
                };
                Value::new(Kind::External(parser.into()), span)
            }
            _ => {
                return Value::unknown(format!("`env.{method}()` is not modelled by djsafe"), span);
            }
        };
        let default = args
            .keywords
            .iter()
            .find(|(k, _)| k == "default")
            .map(|(_, v)| v.clone())
            .or_else(|| {
                // `env.bool(var, default)` takes the default second; `env.list(var, cast, default)` third.
                let index = if matches!(method, "list" | "tuple" | "dict") {
                    2
                } else {
                    1
                };
                args.positional.get(index).cloned()
            });
        // `env.db()` reads DATABASE_URL by default, `env.cache()` CACHE_URL...
        let var = args.get(0, "var").cloned().or_else(|| {
            let var = match method {
                "db" | "db_url" => "DATABASE_URL",
                "cache" | "cache_url" => "CACHE_URL",
                "email" | "email_url" => "EMAIL_URL",
                "search_url" => "SEARCH_URL",
                _ => return None,
            };
            Some(Value::str(var, span))
        });
        let parse_default = matches!(
            method,
            "db" | "db_url" | "cache" | "cache_url" | "email" | "email_url" | "search_url"
        );
        let value = self.environ_value(
            frame,
            instance,
            var.as_ref(),
            Some(cast),
            default,
            parse_default,
            span,
        );
        // A `None` default is not parsed: `cache_url_config(None)` is `{}`, while
        // `email_url_config(None)` fails on `urlparse(None)`.
        match (method, &value.kind) {
            ("cache" | "cache_url", Kind::None) => {
                Value::new(Kind::Dict(Object::new(Vec::new())), span).with_env(&value.env)
            }
            ("email" | "email_url", Kind::None) => {
                Value::unknown("`env.email_url()` of None is not modelled by djsafe", span)
                    .with_env(&value.env)
            }
            _ => value,
        }
    }

    /// Applies a cast callable to a value: a builtin (`int`), a project function, or a decouple
    /// cast object.
    pub(super) fn apply_cast(
        &mut self,
        frame: &mut Frame,
        cast: &Value,
        value: Value,
        span: Span,
    ) -> Value {
        let args = Args {
            positional: vec![value.clone()],
            keywords: Vec::new(),
        };
        match &cast.kind {
            Kind::External(path) => {
                let path = path.clone();
                self.call_external(frame, &path, &args, span)
            }
            Kind::Function(function) => {
                let function = function.clone();
                self.call_function(frame, &function, &args, span)
            }
            Kind::Instance(instance) if &*instance.class == "decouple.Csv" => {
                self.decouple_csv(frame, instance, value, span)
            }
            Kind::Instance(instance) if &*instance.class == "decouple.Choices" => {
                let item_cast = instance
                    .keyword("cast")
                    .cloned()
                    .unwrap_or(Value::new(Kind::External("builtins.str".into()), span));
                let cast_value = self.apply_cast(frame, &item_cast, value, span);
                let mut valid: Vec<Value> = instance
                    .positional
                    .first()
                    .or(instance.keyword("flat"))
                    .and_then(iterate)
                    .unwrap_or_default();
                if let Some(choices) = instance.keyword("choices").and_then(iterate) {
                    valid.extend(
                        choices
                            .iter()
                            .filter_map(|c| c.items().and_then(|pair| pair.first().cloned())),
                    );
                }
                if cast_value.is_unknown() {
                    return cast_value;
                }
                if valid.contains(&cast_value) {
                    cast_value
                } else {
                    self.raised = Some("ValueError");
                    Value::unknown(
                        format!(
                            "{cast_value} is not one of the choices: decouple raises ValueError"
                        ),
                        span,
                    )
                }
            }
            _ if value.is_unknown() => value,
            _ => Value::unknown(
                format!("casting with {cast} is not modelled by djsafe"),
                span,
            ),
        }
    }
}

/// A database URL as a settings dict (`scheme://user:password@host:port/name`). Keys beyond
/// these depend on the library and version, so the dict is marked as not fully known.
pub(super) fn database_url(url: &str, span: Span) -> Value {
    let text = |s: &str| Value::str(s, span);
    let Some((scheme, rest)) = url.split_once("://") else {
        return Value::unknown(
            format!("{url:?} is not a database URL djsafe can read"),
            span,
        );
    };
    let (auth, location) = rest.rsplit_once('@').unwrap_or(("", rest));
    let (user, password) = auth.split_once(':').unwrap_or((auth, ""));
    let (hostport, name) = location.split_once('/').unwrap_or((location, ""));
    let (host, port) = hostport.rsplit_once(':').unwrap_or((hostport, ""));
    let mut pairs = vec![
        (text("NAME"), text(name.split('?').next().unwrap_or(name))),
        (text("USER"), text(user)),
        (text("PASSWORD"), text(password)),
        (text("HOST"), text(host)),
        (text("PORT"), text(port)),
        (text("SCHEME"), text(scheme)),
    ];
    pairs.push((
        Value::unknown(
            "further keys (ENGINE, OPTIONS...) depend on the URL library",
            span,
        ),
        Value::unknown("further keys depend on the URL library", span),
    ));
    Value::new(Kind::Dict(Object::new(pairs)), span)
}
