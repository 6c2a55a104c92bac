//! The configuration libraries settings read the environment through, modelled on their source:
//! django-environ (`environ.Env`: scheme, casts, `read_env`) and python-decouple (`config`,
//! `Csv`, `Choices`, the `settings.ini` / `.env` file found above the settings module).

use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::builtins::{Args, iterate};
use super::value::{EnvDeps, Instance, Kind, Object, Value};
use super::{Frame, Run};
use crate::source::Span;

/// django-environ's `Env.BOOLEAN_TRUE_STRINGS`.
const ENVIRON_TRUE: &[&str] = &["true", "on", "ok", "y", "yes", "1"];
/// python-decouple's `strtobool` spellings.
const DECOUPLE_TRUE: &[&str] = &["y", "yes", "t", "true", "on", "1"];
const DECOUPLE_FALSE: &[&str] = &["n", "no", "f", "false", "off", "0"];

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
}

pub fn construct(path: &str, args: &Args, span: Span) -> Value {
    // FileAwareEnv also reads `NAME_FILE` files when those variables are set; with them unset
    // it reads like Env, which is what djsafe models.
    let class = match path {
        "environ.environ.Env" | "environ.FileAwareEnv" | "environ.environ.FileAwareEnv" => {
            "environ.Env"
        }
        _ => path,
    };
    let instance = Instance {
        class: class.into(),
        positional: args.positional.clone(),
        keywords: args
            .keywords
            .iter()
            .map(|(k, v)| (Rc::from(k.as_str()), v.clone()))
            .collect(),
    };
    Value::new(Kind::Instance(Rc::new(instance)), span)
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
                let deps = env_of(&var);
                if let super::EnvRead::SetUnknown = self.env_read(&var) {
                    return Value::new(Kind::FromEnv(var.into()), span).with_env(&deps);
                }
                let url = match self.getenv(&var) {
                    Some(url) => Value::str(&url, span),
                    None => args
                        .keywords
                        .iter()
                        .find(|(k, _)| k == "default")
                        .map(|(_, v)| v.clone())
                        .unwrap_or(Value::new(Kind::None, span)),
                };
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
            "django_heroku.settings" => self.heroku(frame, args, span),
            _ => Value::unknown(format!("`{path}()` is not modelled by djsafe"), span),
        }
    }

    /// `django_heroku.settings(locals())` rewrites the settings it is given: ALLOWED_HOSTS
    /// becomes `['*']` (unless `allowed_hosts=False`), SECRET_KEY and DATABASES come from the
    /// environment when set, and the static-files, logging and test-runner settings change.
    fn heroku(&mut self, frame: &mut Frame, args: &Args, span: Span) -> Value {
        let enabled = |name: &str| {
            !args
                .keywords
                .iter()
                .any(|(k, v)| k == name && v.truthy() == Some(false))
        };
        if enabled("allowed_hosts") {
            let wildcard = Value::new(Kind::List(Object::new(vec![Value::str("*", span)])), span);
            self.bind(frame, "ALLOWED_HOSTS", wildcard, span);
        }
        if enabled("secret_key")
            && let Some(key) = self.getenv("SECRET_KEY")
        {
            self.bind(
                frame,
                "SECRET_KEY",
                Value::str(&key, span).with_env(&env_of("SECRET_KEY")),
                span,
            );
        }
        if enabled("databases")
            && let Some(url) = self.getenv("DATABASE_URL")
        {
            let database = database_url(&url, span).with_env(&env_of("DATABASE_URL"));
            let databases = Value::new(
                Kind::Dict(Object::new(vec![(Value::str("default", span), database)])),
                span,
            );
            self.bind(frame, "DATABASES", databases, span);
        }
        for name in [
            "STATIC_ROOT",
            "STATIC_URL",
            "STATICFILES_STORAGE",
            "MIDDLEWARE",
            "LOGGING",
            "TEST_RUNNER",
        ] {
            if frame.ns.bindings.contains_key(name) || name != "MIDDLEWARE" {
                self.bind(frame, name, Value::unknown("set by django_heroku.settings(), which djsafe models only for ALLOWED_HOSTS, SECRET_KEY and DATABASES", span), span);
            }
        }
        Value::new(Kind::None, span)
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
        if &*instance.class != "environ.Env" {
            return Value::unknown(
                format!("`{}.{method}()` is not modelled by djsafe", instance.class),
                span,
            );
        }
        let cast = match method {
            "read_env" => return self.read_env(frame, args, span),
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
            "db" | "db_url" | "cache" | "cache_url" | "email" | "email_url" | "search_url" => {
                Value::new(Kind::External("environ.db_url".into()), span)
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
        // `env.db()` reads DATABASE_URL by default.
        let var = args.get(0, "var").cloned().or_else(|| {
            matches!(method, "db" | "db_url").then(|| Value::str("DATABASE_URL", span))
        });
        let parse_default = matches!(
            method,
            "db" | "db_url" | "cache" | "cache_url" | "email" | "email_url" | "search_url"
        );
        self.environ_value(
            frame,
            instance,
            var.as_ref(),
            Some(cast),
            default,
            parse_default,
            span,
        )
    }

    /// django-environ's `Env.get_value`.
    #[allow(clippy::too_many_arguments)]
    fn environ_value(
        &mut self,
        frame: &mut Frame,
        instance: &Instance,
        var: Option<&Value>,
        mut cast: Option<Value>,
        mut default: Option<Value>,
        parse_default: bool,
        span: Span,
    ) -> Value {
        let Some(name) = var.and_then(Value::as_str).map(str::to_string) else {
            return Value::unknown(
                "django-environ read with a variable name djsafe cannot read",
                span,
            );
        };
        let prefix = instance
            .keyword("prefix")
            .and_then(Value::as_str)
            .unwrap_or("");
        let full = format!("{prefix}{name}");
        // The scheme given to `Env(...)`: `DEBUG=(bool, False)` or `DEBUG=bool`.
        if let Some(scheme) = instance.keyword(&full) {
            match scheme.items().as_deref() {
                Some([scheme_cast, scheme_default]) if matches!(scheme.kind, Kind::Tuple(_)) => {
                    cast = cast.or(Some(scheme_cast.clone()));
                    default = default.or(Some(scheme_default.clone()));
                }
                _ => cast = cast.or(Some(scheme.clone())),
            }
        }
        let deps = env_of(&full);
        if let super::EnvRead::SetUnknown = self.env_read(&full) {
            return Value::new(Kind::FromEnv(full.into()), span).with_env(&deps);
        }
        let value = match self.getenv(&full) {
            Some(raw) => Value::str(&raw, span),
            None => match &default {
                Some(default) => default.clone(),
                None if frame.handles("ImproperlyConfigured") => {
                    self.raised = Some("ImproperlyConfigured");
                    return Value::unknown(
                        format!("{full} is unset: django-environ raises ImproperlyConfigured"),
                        span,
                    )
                    .with_env(&deps);
                }
                None => return Value::new(Kind::FromEnv(full.into()), span).with_env(&deps),
            },
        };
        // Smart casting: without a cast, the default's type is the cast.
        if cast.is_none()
            && let Some(d) = default.as_ref().filter(|d| !matches!(d.kind, Kind::None))
        {
            cast = type_of(d, span);
        }
        let value = match (&default, value.as_str()) {
            (Some(d), Some("")) if matches!(d.kind, Kind::None) => Value::new(Kind::None, span),
            _ => value,
        };
        let same_as_default = default.as_ref().is_some_and(|d| *d == value);
        let value = if !same_as_default || (parse_default && !matches!(value.kind, Kind::None)) {
            match cast {
                Some(cast) => self.environ_parse(frame, value, &cast, span),
                None => value,
            }
        } else {
            value
        };
        value.with_env(&deps)
    }

    /// django-environ's `Env.parse_value`.
    fn environ_parse(
        &mut self,
        frame: &mut Frame,
        value: Value,
        cast: &Value,
        span: Span,
    ) -> Value {
        let Some(text) = value.as_str().map(str::to_string) else {
            return self.apply_cast(frame, cast, value, span);
        };
        let items = |text: &str| -> Vec<Value> {
            text.split(',')
                .filter(|s| !s.is_empty())
                .map(|s| Value::str(s, value.origin))
                .collect()
        };
        match &cast.kind {
            Kind::External(path) if &**path == "builtins.bool" => {
                let truth = match python_int(&text) {
                    Some(i) => i != 0,
                    None => ENVIRON_TRUE.contains(&text.to_lowercase().trim()),
                };
                Value::new(Kind::Bool(truth), span)
            }
            Kind::External(path) if &**path == "builtins.list" => {
                Value::new(Kind::List(Object::new(items(&text))), span)
            }
            Kind::External(path) if &**path == "builtins.tuple" => {
                let inner = text.trim_start_matches('(').trim_end_matches(')');
                Value::new(Kind::tuple(items(inner)), span)
            }
            Kind::External(path) if &**path == "builtins.dict" => {
                let mut pairs = Vec::new();
                for entry in text.split(',').filter(|s| !s.is_empty()) {
                    let Some((k, v)) = entry.split_once('=') else {
                        self.raised = Some("ValueError");
                        return Value::unknown(
                            format!("dict cast of {text:?} raises ValueError"),
                            span,
                        );
                    };
                    super::builtins::dict_insert(
                        &mut pairs,
                        Value::str(k, span),
                        Value::str(v, span),
                    );
                }
                Value::new(Kind::Dict(Object::new(pairs)), span)
            }
            // The parts point at the URL's literal (a default), where a finding belongs.
            Kind::External(path) if &**path == "environ.db_url" => {
                database_url(&text, value.origin)
            }
            Kind::List(_) | Kind::Tuple(_) if cast.items().is_some_and(|c| c.len() == 1) => {
                let item_cast = cast.items().unwrap_or_default();
                let inner = if matches!(cast.kind, Kind::Tuple(_)) {
                    text.trim_start_matches('(')
                        .trim_end_matches(')')
                        .to_string()
                } else {
                    text.clone()
                };
                let cast_items: Vec<Value> = items(&inner)
                    .into_iter()
                    .map(|item| self.apply_cast(frame, &item_cast[0], item, span))
                    .collect();
                let kind = if matches!(cast.kind, Kind::Tuple(_)) {
                    Kind::tuple(cast_items)
                } else {
                    Kind::List(Object::new(cast_items))
                };
                Value::new(kind, span)
            }
            _ => self.apply_cast(frame, cast, value, span),
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

    fn decouple_csv(
        &mut self,
        frame: &mut Frame,
        csv: &Instance,
        value: Value,
        span: Span,
    ) -> Value {
        let item_cast = csv.positional.first().or(csv.keyword("cast")).cloned();
        let delimiter = csv
            .keyword("delimiter")
            .and_then(Value::as_str)
            .unwrap_or(",")
            .to_string();
        let items: Vec<String> = match &value.kind {
            Kind::None => Vec::new(),
            Kind::Str(text) => text
                .split(|c| delimiter.contains(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            _ if value.is_unknown() => return value,
            _ => {
                return Value::unknown(format!("Csv() of {value} is not modelled by djsafe"), span);
            }
        };
        let items = items
            .into_iter()
            .map(|item| {
                let item = Value::str(&item, value.origin);
                match &item_cast {
                    Some(cast) => self.apply_cast(frame, cast, item, span),
                    None => item,
                }
            })
            .collect();
        Value::new(Kind::List(Object::new(items)), span).with_env(&value.env)
    }

    /// python-decouple's `config(option, default=..., cast=...)`: the environment first, then the
    /// `settings.ini` or `.env` found from the settings module's folder upwards, then the default.
    fn decouple_config(
        &mut self,
        frame: &mut Frame,
        auto: Option<&Rc<Instance>>,
        args: &Args,
        span: Span,
    ) -> Value {
        let Some(option) = args
            .get(0, "option")
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            return Value::unknown(
                "decouple config() with an option name djsafe cannot read",
                span,
            );
        };
        let deps = env_of(&option);
        let search_from = auto
            .and_then(|a| a.positional.first().or(a.keyword("search_path")))
            .and_then(|p| super::paths::text(p).map(PathBuf::from))
            .unwrap_or_else(|| {
                self.project
                    .sources
                    .get(frame.file)
                    .path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default()
            });
        if let super::EnvRead::SetUnknown = self.env_read(&option) {
            return Value::new(Kind::FromEnv(option.into()), span).with_env(&deps);
        }
        let value = match self.getenv(&option) {
            Some(raw) => Value::str(&raw, span),
            None => match decouple_repository(self.project.index(), &search_from)
                .and_then(|(file, values)| values.get(&option).map(|v| (file, v.clone())))
            {
                Some((_, raw)) => Value::str(&raw, span),
                None => match args.get(1, "default") {
                    Some(default) => default.clone(),
                    None if frame.handles("UndefinedValueError") => {
                        self.raised = Some("UndefinedValueError");
                        return Value::unknown(
                            format!("{option} is not set: decouple raises UndefinedValueError"),
                            span,
                        )
                        .with_env(&deps);
                    }
                    None => return Value::new(Kind::FromEnv(option.into()), span).with_env(&deps),
                },
            },
        };
        let value = match args.get(2, "cast") {
            None => value,
            Some(cast) if matches!(&cast.kind, Kind::External(p) if &**p == "builtins.bool") => {
                match &value.kind {
                    Kind::Bool(_) => value,
                    _ if value.is_unknown() => value,
                    _ => {
                        let text = super::builtins::to_str(&value, span);
                        match text.as_str().map(str::to_lowercase) {
                            Some(t) if t.is_empty() => Value::new(Kind::Bool(false), value.origin),
                            Some(t) if DECOUPLE_TRUE.contains(&t.as_str()) => {
                                Value::new(Kind::Bool(true), value.origin)
                            }
                            Some(t) if DECOUPLE_FALSE.contains(&t.as_str()) => {
                                Value::new(Kind::Bool(false), value.origin)
                            }
                            _ => {
                                self.raised = Some("ValueError");
                                Value::unknown(
                                    format!("{value} is not a boolean: decouple raises ValueError"),
                                    span,
                                )
                            }
                        }
                    }
                }
            }
            Some(cast) => {
                let cast = cast.clone();
                self.apply_cast(frame, &cast, value, span)
            }
        };
        value.with_env(&deps)
    }

    /// django-environ's `Env.read_env(path)`: the file's variables, unless already set.
    fn read_env(&mut self, frame: &Frame, args: &Args, span: Span) -> Value {
        let path = match args.get(0, "env_file") {
            Some(path) => match super::paths::text(path) {
                Some(path) => PathBuf::from(path),
                None => return Value::unknown("read_env() of a file djsafe cannot name", span),
            },
            None => self
                .project
                .sources
                .get(frame.file)
                .path
                .with_file_name(".env"),
        };
        let overwrite = args
            .keywords
            .iter()
            .any(|(k, v)| k == "overwrite" && v.truthy() == Some(true));
        if let Ok(text) = std::fs::read_to_string(&path) {
            for (key, value) in environ_dotenv(&text) {
                if overwrite || self.getenv(&key).is_none() {
                    self.env.insert(key, Some(value));
                }
            }
        }
        Value::new(Kind::None, span)
    }
}

/// A cast from a default's type, as django-environ's smart casting does.
fn type_of(value: &Value, span: Span) -> Option<Value> {
    let name = match value.kind {
        Kind::Bool(_) => "bool",
        Kind::Int(_) => "int",
        Kind::Float(_) => "float",
        Kind::Str(_) => "str",
        Kind::List(_) => "list",
        Kind::Tuple(_) => "tuple",
        Kind::Dict(_) => "dict",
        _ => return None,
    };
    Some(Value::new(
        Kind::External(format!("builtins.{name}").into()),
        span,
    ))
}

/// Python's `int(text)` for the strings it accepts.
fn python_int(text: &str) -> Option<i64> {
    let t = text.trim();
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    t.replace('_', "").parse().ok()
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

/// django-environ's `.env` format: `[export ]KEY=VALUE`, single quotes literal, double quotes
/// with backslash escapes.
fn environ_dotenv(text: &str) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    for line in text.lines() {
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let value = if value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'') {
            value[1..value.len() - 1].to_string()
        } else if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
            let mut out = String::new();
            let mut chars = value[1..value.len() - 1].chars();
            while let Some(c) = chars.next() {
                match (c, chars.clone().next()) {
                    ('\\', Some(n @ ('r' | 'n' | 't'))) => {
                        chars.next();
                        out.push('\\');
                        out.push(n);
                    }
                    ('\\', Some(n)) => {
                        chars.next();
                        out.push(n);
                    }
                    (c, _) => out.push(c),
                }
            }
            out
        } else {
            value.to_string()
        };
        entries.push((key.to_string(), value));
    }
    entries
}

/// python-decouple's repository: the first folder from `start` upwards (stopping before the
/// file system root) with `settings.ini` (its `[settings]` section) or `.env`.
fn decouple_repository(
    index: &crate::fsindex::FsIndex,
    start: &Path,
) -> Option<(PathBuf, std::collections::HashMap<String, String>)> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        d.parent()?;
        let ini = d.join("settings.ini");
        if index.is_file(&ini) {
            let text = std::fs::read_to_string(&ini).ok()?;
            return Some((ini, ini_settings(&text)));
        }
        let dotenv = d.join(".env");
        if index.is_file(&dotenv) {
            let text = std::fs::read_to_string(&dotenv).ok()?;
            return Some((dotenv, decouple_dotenv(&text)));
        }
        dir = d.parent();
    }
    None
}

fn decouple_dotenv(text: &str) -> std::collections::HashMap<String, String> {
    let mut values = std::collections::HashMap::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let v = v.trim();
        let v = if v.len() >= 2
            && ((v.starts_with('\'') && v.ends_with('\''))
                || (v.starts_with('"') && v.ends_with('"')))
        {
            &v[1..v.len() - 1]
        } else {
            v
        };
        values.insert(k.trim().to_string(), v.to_string());
    }
    values
}

/// The `[settings]` section of an ini file, as ConfigParser reads it: `key = value` or
/// `key: value`, keys matched case-insensitively (djsafe stores them upper-cased and lower-cased).
fn ini_settings(text: &str) -> std::collections::HashMap<String, String> {
    let mut values = std::collections::HashMap::new();
    let mut in_settings = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_settings = trimmed == "[settings]";
            continue;
        }
        if !in_settings || trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        let Some(at) = trimmed.find(['=', ':']) else {
            continue;
        };
        let (key, value) = (trimmed[..at].trim(), trimmed[at + 1..].trim());
        for variant in [key.to_string(), key.to_uppercase(), key.to_lowercase()] {
            values.insert(variant, value.to_string());
        }
    }
    values
}

impl Run<'_> {
    /// django-split-settings' `include(*patterns)`: each matching file (sorted) runs in this
    /// module's namespace, in order; a pattern inside `optional(...)` may match nothing.
    /// A file name computed from one environment variable (`f"environments/{ENV}.py"`) picks
    /// one of the files next to the one it names: their names are the values that variable is
    /// meant to take, recorded like the literals it is compared with, so each is evaluated.
    fn record_included_alternatives(&mut self, base: &Path, pattern: &str, argument: &Value) {
        let [var] = argument.env.iter().collect::<Vec<_>>()[..] else {
            return;
        };
        let var = var.clone();
        let (folder, name) = match pattern.rsplit_once('/') {
            Some((folder, name)) => (format!("{folder}/"), name),
            None => (String::new(), pattern),
        };
        let Some(extension) = name.rsplit_once('.').map(|(_, e)| e) else {
            return;
        };
        let siblings = crate::glob::expand(
            self.project.index(),
            base,
            &format!("{folder}*.{extension}"),
        );
        let stems = siblings.iter().filter_map(|file| {
            let stem = file.file_stem()?.to_str()?;
            (stem != "__init__").then(|| Rc::from(stem))
        });
        let stems: Vec<Rc<str>> = stems.collect();
        self.compared.entry(var).or_default().extend(stems);
    }

    fn include(&mut self, frame: &mut Frame, args: &Args, span: Span) -> Value {
        let base = self
            .project
            .sources
            .get(frame.file)
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for argument in &args.positional {
            let (pattern, optional) = match &argument.kind {
                Kind::Str(pattern) => (pattern.to_string(), false),
                Kind::Instance(marker) if &*marker.class == "split_settings.tools.optional" => {
                    match marker.positional.first().and_then(Value::as_str) {
                        Some(pattern) => (pattern.to_string(), true),
                        None => {
                            frame.ns.opaque = Some(
                                "an `include(optional(...))` of a file djsafe cannot name".into(),
                            );
                            continue;
                        }
                    }
                }
                _ => {
                    frame.ns.opaque = Some(
                        format!("an `include(...)` of {argument}, which djsafe cannot name").into(),
                    );
                    continue;
                }
            };
            let files = crate::glob::expand(self.project.index(), &base, &pattern);
            self.record_included_alternatives(&base, &pattern, argument);
            if files.is_empty() && !optional {
                self.raised = Some("OSError");
                frame.ns.opaque =
                    Some(format!("`include({pattern:?})`, which matches no file").into());
                continue;
            }
            for file in files {
                let canonical = self.project.index().canonical(&file);
                let Some(module) = self.project.module_by_path(&canonical) else {
                    frame.ns.opaque = Some(
                        format!("`include({pattern:?})`, whose file djsafe did not load").into(),
                    );
                    continue;
                };
                // A file that includes itself (directly or through others) recurses until
                // Python's recursion limit: djsafe stops at the cycle instead of running it
                // again, which with two such includes per file would double at every level.
                if self.stack.contains(&module) {
                    let reason = format!(
                        "`include({pattern:?})` at {}, which includes a file already being run (an include cycle: CPython raises RecursionError)",
                        self.line_at(span)
                    );
                    self.diagnose(
                        crate::diagnostic::DiagnosticKind::ImportCycle,
                        span,
                        reason.clone(),
                    );
                    frame.ns.opaque = Some(reason.into());
                    continue;
                }
                // The included file runs in this namespace; spans and imports are its own.
                // What it binds depends on the variables that chose the file.
                let (module_before, file_before, control_before) =
                    (frame.module, frame.file, frame.control.clone());
                frame.module = module;
                frame.file = self.project.modules[module].file;
                frame.control = super::value::union(&frame.control, &argument.env);
                self.imported_by.entry(frame.file).or_insert(span);
                self.stack.push(module);
                let _ = self.block(frame, self.project.tree(module).root_node());
                self.stack.pop();
                frame.module = module_before;
                frame.file = file_before;
                frame.control = control_before;
            }
        }
        Value::new(Kind::None, span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotenv_formats() {
        let parsed =
            environ_dotenv("export DEBUG=on\nKEY='a b'\nQ=\"x\\ny\\$\"\n# comment\nbad line\n");
        assert_eq!(
            parsed,
            [
                ("DEBUG".into(), "on".into()),
                ("KEY".into(), "a b".into()),
                ("Q".into(), "x\\ny$".into())
            ]
        );
        let ini = ini_settings("[other]\nX=1\n[settings]\nDebug = True\nHOSTS: a,b\n");
        assert_eq!(ini.get("DEBUG").map(String::as_str), Some("True"));
        assert_eq!(ini.get("HOSTS").map(String::as_str), Some("a,b"));
        assert!(!ini.contains_key("X"));
        assert_eq!(python_int(" -1_0 "), Some(-10));
        assert_eq!(python_int("1__0"), None);
    }
}
