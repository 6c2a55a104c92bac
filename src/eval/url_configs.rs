//! Email and cache URLs turned into settings dicts, as each library does it: dj-email-url's
//! `parse`, django-cache-url's `parse`, and django-environ's `Env.email_url_config` and
//! `Env.cache_url_config`. The libraries differ in schemes, keys and defaults, so each has its
//! own function here, written from its source (dj-email-url 1.0.6, django-cache-url 3.4.6,
//! django-environ 0.14.0).
//!
//! What is not followed gives an unknown with the reason instead of a guess: query strings (the
//! libraries' options), percent-escapes (unquoted by the libraries), and the backends
//! django-environ picks by the installed Django version.

use super::library_values::{Url, split_url};
use super::stdlib::Raise;
use super::value::{Kind, Object, Value};
use crate::source::Span;

/// A dict of string keys, in insertion order (the order Python's `repr` shows).
fn dict(pairs: Vec<(&str, Value)>, span: Span) -> Value {
    let pairs = pairs
        .into_iter()
        .map(|(k, v)| (Value::str(k, span), v))
        .collect();
    Value::new(Kind::Dict(Object::new(pairs)), span)
}

/// The URL split as `urlparse` does, or why djsafe does not follow it.
fn parts<'a>(url: &'a str, library: &str, span: Span) -> Result<Url<'a>, Value> {
    let unknown = |why: &str| Value::unknown(format!("{library} of {url:?}: {why}"), span);
    let parts = split_url(url).ok_or_else(|| unknown("a URL djsafe does not split"))?;
    if !parts.query.is_empty() {
        return Err(unknown("query options are not modelled by djsafe"));
    }
    if url.contains('%') {
        return Err(unknown("percent-escapes are not modelled by djsafe"));
    }
    Ok(parts)
}

fn string_or_none(text: Option<&str>, span: Span) -> Value {
    text.map_or(Value::new(Kind::None, span), |t| Value::str(t, span))
}

fn port(port: Option<u16>, span: Span) -> Value {
    port.map_or(Value::new(Kind::None, span), |p| {
        Value::new(Kind::Int(i64::from(p)), span)
    })
}

/// `dj_email_url.parse(url)`; an invalid port raises ValueError.
pub fn dj_email_url(url: &str, span: Span) -> Result<Value, Raise> {
    let u = match parts(url, "dj_email_url.parse()", span) {
        Ok(u) => u,
        Err(unknown) => return Ok(unknown),
    };
    let url_port = u.port().map_err(|e| ("ValueError", e))?;
    let backend = match u.scheme.as_str() {
        "smtp" | "submission" | "submit" | "smtps" => {
            Some("django.core.mail.backends.smtp.EmailBackend")
        }
        "console" => Some("django.core.mail.backends.console.EmailBackend"),
        "file" => Some("django.core.mail.backends.filebased.EmailBackend"),
        "memory" => Some("django.core.mail.backends.locmem.EmailBackend"),
        "dummy" => Some("django.core.mail.backends.dummy.EmailBackend"),
        _ => None,
    };
    let scheme = u.scheme.as_str();
    // `if not conf['EMAIL_HOST']` / `if not conf['EMAIL_PORT']`: port 0 counts as unset.
    let port = url_port.filter(|p| *p != 0);
    let (host, port) = match scheme {
        "smtp" => (
            Some(u.hostname.clone().unwrap_or_else(|| "localhost".into())),
            Some(port.unwrap_or(25)),
        ),
        "submission" | "submit" => (u.hostname.clone(), Some(port.unwrap_or(587))),
        _ => (u.hostname.clone(), url_port),
    };
    let tls = matches!(scheme, "smtps" | "submission" | "submit");
    let mut pairs = vec![
        (
            "EMAIL_FILE_PATH",
            Value::str(&u.path[u.path.len().min(1)..], span),
        ),
        ("EMAIL_HOST_USER", string_or_none(u.username, span)),
        ("EMAIL_HOST_PASSWORD", string_or_none(u.password, span)),
        ("EMAIL_HOST", string_or_none(host.as_deref(), span)),
        ("EMAIL_PORT", self::port(port, span)),
        ("EMAIL_USE_SSL", Value::new(Kind::Bool(false), span)),
        ("EMAIL_USE_TLS", Value::new(Kind::Bool(tls), span)),
        ("EMAIL_TIMEOUT", Value::new(Kind::None, span)),
    ];
    if let Some(backend) = backend {
        pairs.push(("EMAIL_BACKEND", Value::str(backend, span)));
    }
    Ok(dict(pairs, span))
}

/// django-cache-url's backends by scheme.
fn cache_backend(scheme: &str) -> Option<&'static str> {
    Some(match scheme {
        "db" => "django.core.cache.backends.db.DatabaseCache",
        "dummy" => "django.core.cache.backends.dummy.DummyCache",
        "elasticache" => "django_elasticache.memcached.ElastiCache",
        "file" => "django.core.cache.backends.filebased.FileBasedCache",
        "locmem" => "django.core.cache.backends.locmem.LocMemCache",
        "uwsgicache" => "uwsgicache.UWSGICache",
        "memcached" => "django.core.cache.backends.memcached.PyLibMCCache",
        "djangopylibmc" => "django_pylibmc.memcached.PyLibMCCache",
        "pymemcached" => "django.core.cache.backends.memcached.MemcachedCache",
        "pymemcache" => "django.core.cache.backends.memcached.PyMemcacheCache",
        "redis-cache" => "redis_cache.RedisCache",
        "redis" | "rediss" | "hiredis" => "django.core.cache.backends.redis.RedisCache",
        _ => return None,
    })
}

/// `django_cache_url.parse(url)`; an unknown scheme raises `Exception`.
pub fn django_cache_url(url: &str, span: Span) -> Result<Value, Raise> {
    let u = match parts(url, "django_cache_url.parse()", span) {
        Ok(u) => u,
        Err(unknown) => return Ok(unknown),
    };
    let scheme = u.scheme.as_str();
    let Some(backend) = cache_backend(scheme) else {
        return Err(("Exception", format!("Unknown backend: {scheme:?}")));
    };
    let mut pairs = vec![("BACKEND", Value::str(backend, span))];
    let location = if u.netloc.is_empty() {
        match scheme {
            "memcached" | "pymemcached" | "pymemcache" | "djangopylibmc" => {
                format!("unix://{}", u.path)
            }
            "redis" | "hiredis" => {
                // `re.match(r'.+?(?P<db>\d+)', path)`: the first digits after the first character.
                let digits = u
                    .path
                    .char_indices()
                    .skip(1)
                    .find(|(_, c)| c.is_ascii_digit());
                let (path, db) = match digits {
                    Some((at, _)) => {
                        let db: String = u.path[at..]
                            .chars()
                            .take_while(char::is_ascii_digit)
                            .collect();
                        let cut = u.path.rfind('/').unwrap_or(0);
                        (&u.path[..cut], db)
                    }
                    None => (u.path, "0".to_string()),
                };
                format!("unix://{path}?db={db}")
            }
            _ => u.path.to_string(),
        }
    } else if matches!(scheme, "redis" | "rediss" | "hiredis") {
        // With Django's own Redis backend the password goes into the URL.
        let db = match &u.path[u.path.len().min(1)..] {
            "" => "0",
            db => db,
        };
        let port = u
            .port()
            .map_err(|e| ("ValueError", e))?
            .filter(|p| *p != 0)
            .unwrap_or(6379);
        let scheme = if scheme == "rediss" {
            "rediss"
        } else {
            "redis"
        };
        let host = u.hostname.as_deref().unwrap_or("None");
        match u.password.filter(|p| !p.is_empty()) {
            Some(password) => format!("{scheme}://:{password}@{host}:{port}/{db}"),
            None => format!("{scheme}://{host}:{port}/{db}"),
        }
    } else {
        u.netloc.split(',').collect::<Vec<_>>().join(";")
    };
    let location = if scheme == "uwsgicache" && location.is_empty() {
        "default".to_string()
    } else {
        location
    };
    pairs.push(("LOCATION", Value::str(&location, span)));
    if scheme == "hiredis" {
        pairs.push((
            "OPTIONS",
            dict(
                vec![(
                    "PARSER_CLASS",
                    Value::str("redis.connection.HiredisParser", span),
                )],
                span,
            ),
        ));
    }
    Ok(dict(pairs, span))
}

/// django-environ's `Env.email_url_config(url)`; an unknown scheme raises ImproperlyConfigured.
pub fn environ_email_url(url: &str, span: Span) -> Result<Value, Raise> {
    let u = match parts(url, "env.email_url()", span) {
        Ok(u) => u,
        Err(unknown) => return Ok(unknown),
    };
    // `unquote_plus` of the path: a `+` is a space.
    if u.path.contains('+') {
        return Ok(Value::unknown(
            format!("env.email_url() of {url:?}: `+` in the path is not modelled by djsafe"),
            span,
        ));
    }
    let scheme = u.scheme.as_str();
    let backend = match scheme {
        "smtp" | "smtps" | "smtp+tls" | "smtp+ssl" => "django.core.mail.backends.smtp.EmailBackend",
        "consolemail" => "django.core.mail.backends.console.EmailBackend",
        "filemail" => "django.core.mail.backends.filebased.EmailBackend",
        "memorymail" => "django.core.mail.backends.locmem.EmailBackend",
        "dummymail" => "django.core.mail.backends.dummy.EmailBackend",
        _ => {
            return Err((
                "ImproperlyConfigured",
                format!("Invalid email schema {scheme}"),
            ));
        }
    };
    let mut pairs = vec![
        (
            "EMAIL_FILE_PATH",
            Value::str(&u.path[u.path.len().min(1)..], span),
        ),
        ("EMAIL_HOST_USER", string_or_none(u.username, span)),
        ("EMAIL_HOST_PASSWORD", string_or_none(u.password, span)),
        ("EMAIL_HOST", string_or_none(u.hostname.as_deref(), span)),
        (
            "EMAIL_PORT",
            port(u.port().map_err(|e| ("ValueError", e))?, span),
        ),
        ("EMAIL_BACKEND", Value::str(backend, span)),
    ];
    match scheme {
        "smtps" | "smtp+tls" => pairs.push(("EMAIL_USE_TLS", Value::new(Kind::Bool(true), span))),
        "smtp+ssl" => pairs.push(("EMAIL_USE_SSL", Value::new(Kind::Bool(true), span))),
        _ => {}
    }
    Ok(dict(pairs, span))
}

/// django-environ's `Env.cache_url_config(url)`; an unknown scheme raises ImproperlyConfigured.
pub fn environ_cache_url(url: &str, span: Span) -> Result<Value, Raise> {
    let u = match parts(url, "env.cache_url()", span) {
        Ok(u) => u,
        Err(unknown) => return Ok(unknown),
    };
    let scheme = u.scheme.as_str();
    let backend = match scheme {
        "dbcache" => Value::str("django.core.cache.backends.db.DatabaseCache", span),
        "dummycache" => Value::str("django.core.cache.backends.dummy.DummyCache", span),
        "filecache" => Value::str("django.core.cache.backends.filebased.FileBasedCache", span),
        "locmemcache" => Value::str("django.core.cache.backends.locmem.LocMemCache", span),
        "memcache" => Value::str("django.core.cache.backends.memcached.MemcachedCache", span),
        "pylibmc" => Value::str("django.core.cache.backends.memcached.PyLibMCCache", span),
        // django-environ picks these by the Django it finds installed.
        "pymemcache" | "rediscache" | "redis" | "rediss" | "valkey" | "valkeys" => Value::unknown(
            format!(
                "the `{scheme}` cache backend django-environ picks depends on the installed Django version"
            ),
            span,
        ),
        _ => {
            return Err((
                "ImproperlyConfigured",
                format!("Invalid cache schema {scheme}"),
            ));
        }
    };
    let hosts: Vec<&str> = u.netloc.split(',').collect();
    let list = |items: Vec<String>| {
        Value::new(
            Kind::List(Object::new(
                items.iter().map(|s| Value::str(s, span)).collect(),
            )),
            span,
        )
    };
    let mut location = match hosts.as_slice() {
        [one] => Value::str(one, span),
        _ => list(hosts.iter().map(|h| h.to_string()).collect()),
    };
    if scheme == "filecache" {
        location = Value::str(&format!("{}{}", u.netloc, u.path), span);
    }
    if u.netloc.is_empty() && matches!(scheme, "memcache" | "pymemcache") {
        location = Value::str(&format!("unix:{}", u.path), span);
    } else if scheme.starts_with("redis") {
        let prefix = if u.hostname.is_some() {
            scheme.replace("cache", "")
        } else {
            "unix".into()
        };
        let locations: Vec<String> = hosts
            .iter()
            .map(|h| format!("{prefix}://{h}{}", u.path))
            .collect();
        location = match locations.as_slice() {
            [one] => Value::str(one, span),
            _ => list(locations),
        };
    }
    Ok(dict(
        vec![("BACKEND", backend), ("LOCATION", location)],
        span,
    ))
}
