//! Values settings take from libraries: `logging` levels, `datetime.timedelta`, the translation
//! markers (`gettext_lazy('English')` is the string itself for what settings compare),
//! `urllib.parse.urlparse`, `typing.cast`, the stable parts of Django's `global_settings`, and
//! django-environ's `environ.Path` (`environ.Path(__file__) - 2`).

use std::rc::Rc;

use super::value::Args;
use super::value::{Instance, Kind, Object, Value};
use crate::source::Span;

/// Module attributes that are plain values: `logging.WARNING`, `global_settings.MIDDLEWARE`.
pub fn attribute(path: &str, span: Span) -> Option<Value> {
    let int = |i| Some(Value::new(Kind::Int(i), span));
    let strings = |items: &[&str]| {
        Some(Value::new(
            Kind::List(Object::new(
                items.iter().map(|s| Value::str(s, span)).collect(),
            )),
            span,
        ))
    };
    match path {
        "logging.NOTSET" => int(0),
        "logging.DEBUG" => int(10),
        "logging.INFO" => int(20),
        "logging.WARNING" | "logging.WARN" => int(30),
        "logging.ERROR" => int(40),
        "logging.CRITICAL" | "logging.FATAL" => int(50),
        // Django's defaults that have not changed across the releases djsafe knows; each
        // attribute access is a new list here, as `[*global_settings.X]` copies it anyway.
        "django.conf.global_settings.MIDDLEWARE"
        | "django.conf.global_settings.INSTALLED_APPS"
        | "django.conf.global_settings.ALLOWED_HOSTS"
        | "django.conf.global_settings.TEMPLATES"
        | "django.conf.global_settings.STATICFILES_DIRS" => strings(&[]),
        "django.conf.global_settings.AUTHENTICATION_BACKENDS" => {
            strings(&["django.contrib.auth.backends.ModelBackend"])
        }
        "django.conf.global_settings.STATICFILES_FINDERS" => strings(&[
            "django.contrib.staticfiles.finders.FileSystemFinder",
            "django.contrib.staticfiles.finders.AppDirectoriesFinder",
        ]),
        "django.conf.global_settings.FILE_UPLOAD_HANDLERS" => strings(&[
            "django.core.files.uploadhandler.MemoryFileUploadHandler",
            "django.core.files.uploadhandler.TemporaryFileUploadHandler",
        ]),
        "django.conf.global_settings.DEBUG" => Some(Value::new(Kind::Bool(false), span)),
        _ => None,
    }
}

/// Calls of library functions whose result djsafe knows; `None` for any other.
pub fn call(path: &str, args: &Args, span: Span) -> Option<Value> {
    let first = args.positional.first();
    match path {
        // `cast(T, value)` is `value`.
        "typing.cast" => args.positional.get(1).cloned(),
        // Translation markers: the text itself (lazily translated where it is shown).
        "django.utils.translation.gettext_lazy"
        | "django.utils.translation.gettext_noop"
        | "django.utils.translation.gettext"
        | "django.utils.translation.ugettext_lazy"
        | "django.utils.translation.ugettext_noop"
        | "django.utils.translation.ugettext" => first.filter(|v| v.as_str().is_some()).cloned(),
        "logging.getLevelName" => match first.map(|v| &v.kind) {
            Some(Kind::Int(level)) => Some(Value::str(
                &match level {
                    0 => "NOTSET".to_string(),
                    10 => "DEBUG".to_string(),
                    20 => "INFO".to_string(),
                    30 => "WARNING".to_string(),
                    40 => "ERROR".to_string(),
                    50 => "CRITICAL".to_string(),
                    other => format!("Level {other}"),
                },
                span,
            )),
            _ => None,
        },
        "datetime.timedelta" => timedelta(args, span),
        "urllib.parse.urlparse" | "urllib.parse.urlsplit" => {
            let url = first?.as_str()?;
            Some(object(
                "urllib.parse.ParseResult",
                url_parts(url, span)?,
                span,
            ))
        }
        "environ.Path" | "environ.environ.Path" => {
            let start = first?.path_text()?;
            Some(environ_path(start, span))
        }
        _ => None,
    }
}

fn object(class: &str, keywords: Vec<(Rc<str>, Value)>, span: Span) -> Value {
    Value::new(
        Kind::Instance(Rc::new(Instance {
            class: class.into(),
            positional: Vec::new(),
            keywords,
        })),
        span,
    )
}

/// `timedelta(days=1, hours=2)`, kept as its total number of seconds.
fn timedelta(args: &Args, span: Span) -> Option<Value> {
    const UNITS: [(&str, f64); 7] = [
        ("days", 86400.0),
        ("seconds", 1.0),
        ("microseconds", 1e-6),
        ("milliseconds", 1e-3),
        ("minutes", 60.0),
        ("hours", 3600.0),
        ("weeks", 604800.0),
    ];
    let mut seconds = 0.0;
    for (i, (unit, factor)) in UNITS.iter().enumerate() {
        let Some(amount) = args.get(i, unit) else {
            continue;
        };
        let amount = match amount.kind {
            Kind::Int(n) => n as f64,
            Kind::Float(x) => x,
            _ => return None,
        };
        seconds += amount * factor;
    }
    if args.positional.len() > UNITS.len() || !seconds.is_finite() {
        return None;
    }
    Some(object(
        "datetime.timedelta",
        vec![("seconds".into(), Value::new(Kind::Float(seconds), span))],
        span,
    ))
}

/// A URL as `urllib.parse.urlparse` splits it, for the URLs settings hold
/// (`scheme://user:password@host:port/path`); `None` for what djsafe does not follow
/// (no `//` netloc, brackets, `;` parameters, whitespace or non-ASCII text, an invalid port).
pub(super) struct Url<'a> {
    pub scheme: String,
    pub netloc: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub fragment: &'a str,
    pub username: Option<&'a str>,
    pub password: Option<&'a str>,
    /// Lower-cased; `None` when empty.
    pub hostname: Option<String>,
    /// The text after the host's first `:`, when not empty.
    port_text: Option<&'a str>,
}

impl Url<'_> {
    /// `.port`: `Err` where Python raises ValueError (not digits, out of range), which it does
    /// only when the port is read.
    pub fn port(&self) -> Result<Option<u16>, String> {
        match self.port_text {
            None => Ok(None),
            Some(p) if p.bytes().all(|b| b.is_ascii_digit()) => match p.parse::<u16>() {
                Ok(port) => Ok(Some(port)),
                Err(_) => Err("Port out of range 0-65535".into()),
            },
            Some(p) => Err(format!("Port could not be cast to integer value as {p:?}")),
        }
    }
}

pub(super) fn split_url(url: &str) -> Option<Url<'_>> {
    // urlsplit strips and drops whitespace and control characters; IDNA checks apply to
    // non-ASCII netlocs: neither is modelled.
    if !url.is_ascii() || url.chars().any(|c| c <= ' ' || c == '\x7f') {
        return None;
    }
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest))
            if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            (scheme.to_ascii_lowercase(), rest)
        }
        _ => return None,
    };
    let (before_fragment, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (before_query, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let (netloc, path) = match before_query.find('/') {
        Some(at) => (&before_query[..at], &before_query[at..]),
        None => (before_query, ""),
    };
    if netloc.contains(['[', ']', ';']) || path.contains(';') {
        return None;
    }
    // Python: `netloc.rpartition('@')`, then the first `:` splits user from password and host
    // from port.
    let (userinfo, hostport) = match netloc.rsplit_once('@') {
        Some((userinfo, hostport)) => (Some(userinfo), hostport),
        None => (None, netloc),
    };
    let (username, password) = match userinfo {
        Some(info) => match info.split_once(':') {
            Some((user, password)) => (Some(user), Some(password)),
            None => (Some(info), None),
        },
        None => (None, None),
    };
    let (host, port) = match hostport.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (hostport, None),
    };
    Some(Url {
        scheme,
        netloc,
        path,
        query,
        fragment,
        username,
        password,
        hostname: (!host.is_empty()).then(|| host.to_ascii_lowercase()),
        port_text: port.filter(|p| !p.is_empty()),
    })
}

/// The parts `urlparse` gives, as the attributes of its result.
fn url_parts(url: &str, span: Span) -> Option<Vec<(Rc<str>, Value)>> {
    let s = |text: &str| Value::str(text, span);
    let none = || Value::new(Kind::None, span);
    let url = split_url(url)?;
    // Python raises ValueError when `.port` is read: not followed here.
    let port = url.port().ok()?;
    Some(vec![
        ("scheme".into(), s(&url.scheme)),
        ("netloc".into(), s(url.netloc)),
        ("path".into(), s(url.path)),
        ("params".into(), s("")),
        ("query".into(), s(url.query)),
        ("fragment".into(), s(url.fragment)),
        ("username".into(), url.username.map_or_else(none, s)),
        ("password".into(), url.password.map_or_else(none, s)),
        (
            "hostname".into(),
            url.hostname.as_deref().map_or_else(none, s),
        ),
        (
            "port".into(),
            port.map_or_else(none, |p| Value::new(Kind::Int(i64::from(p)), span)),
        ),
    ])
}

fn environ_path(root: &str, span: Span) -> Value {
    object(
        "environ.Path",
        vec![("root".into(), Value::str(root, span))],
        span,
    )
}

/// An attribute of a library object djsafe models: `urlparse(url).hostname`.
pub fn property(object: &Value, name: &str) -> Option<Value> {
    let Kind::Instance(instance) = &object.kind else {
        return None;
    };
    match (&*instance.class, name) {
        ("urllib.parse.ParseResult", _) => instance.keyword(name).cloned(),
        ("environ.Path", "root") => instance.keyword("root").cloned(),
        _ => None,
    }
    .map(|v| v.with_env(&object.env))
}

/// A method of a library object djsafe models; `None` for any other.
pub fn method(object: &Value, method: &str, args: &Args, span: Span) -> Option<Value> {
    let Kind::Instance(instance) = &object.kind else {
        return None;
    };
    let value = match (&*instance.class, method) {
        ("datetime.timedelta", "total_seconds") if args.positional.is_empty() => {
            instance.keyword("seconds").cloned()?
        }
        ("urllib.parse.ParseResult", "geturl") => return None,
        ("environ.Path", "path") => {
            let root = instance.keyword("root")?.as_str()?;
            environ_path(&join(root, args)?, span)
        }
        _ => return None,
    };
    Some(value.with_env(&object.env))
}

/// Calling an `environ.Path`: the path joined with the arguments, as a string.
pub fn call_object(object: &Value, args: &Args, span: Span) -> Option<Value> {
    let Kind::Instance(instance) = &object.kind else {
        return None;
    };
    if &*instance.class != "environ.Path" {
        return None;
    }
    let root = instance.keyword("root")?.as_str()?;
    Some(Value::str(&join(root, args)?, span).with_env(&object.env))
}

fn join(root: &str, args: &Args) -> Option<String> {
    let parts: Option<Vec<&str>> = args.positional.iter().map(Value::as_str).collect();
    let mut all = vec![root];
    all.extend(parts?);
    Some(super::paths::join(&all))
}

/// `environ.Path(...) - n`: the folder `n` levels up. `None` for any other operands.
pub fn subtract(left: &Value, right: &Value, span: Span) -> Option<Value> {
    let (Kind::Instance(instance), Kind::Int(levels)) = (&left.kind, &right.kind) else {
        return None;
    };
    if &*instance.class != "environ.Path" || !(0..=64).contains(levels) {
        return None;
    }
    let mut root = instance.keyword("root")?.as_str()?.to_string();
    for _ in 0..*levels {
        root = match root.rfind('/') {
            Some(0) => "/".to_string(),
            Some(at) => root[..at].to_string(),
            None => return None,
        };
    }
    Some(environ_path(&root, span))
}

/// `str()` of a library object whose text djsafe knows.
pub fn text(object: &Value) -> Option<String> {
    let Kind::Instance(instance) = &object.kind else {
        return None;
    };
    match &*instance.class {
        "environ.Path" => Some(instance.keyword("root")?.as_str()?.to_string()),
        _ => None,
    }
}
