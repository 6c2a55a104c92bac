//! The vocabulary Django's own deployment checks are written in: what MIDDLEWARE and
//! INSTALLED_APPS contain, and `is True`-style tests on effective settings.

use crate::eval::value::{Kind, Value, python_repr};

use super::context::{Context, Draft, Effective};

/// The scenario of a finding about a setting left at Django's default.
pub const DEFAULT_SCENARIO: &str = "default";

pub const SECURITY_MIDDLEWARE: &str = "django.middleware.security.SecurityMiddleware";
pub const XFRAME_MIDDLEWARE: &str = "django.middleware.clickjacking.XFrameOptionsMiddleware";
pub const CSRF_MIDDLEWARE: &str = "django.middleware.csrf.CsrfViewMiddleware";

/// Whether a list setting (MIDDLEWARE, INSTALLED_APPS) contains `item`, as Django tests it with
/// `in`. `None` when the list, or an entry that might be `item`, is unknown: a rule then says it
/// could not decide instead of guessing.
pub fn contains(ctx: &Context, setting: &str, item: &str) -> Option<bool> {
    let list = ctx.effective(setting)?.value;
    let Some(items) = list.items() else {
        ctx.unresolved(setting, &list);
        return None;
    };
    if items.iter().any(|i| i.as_str() == Some(item)) {
        return Some(true);
    }
    match items.iter().find(|i| i.is_unknown()) {
        Some(unknown) => {
            ctx.unresolved(setting, unknown);
            None
        }
        None => Some(false),
    }
}

/// A finding about a setting: at the value when the module assigns it, at the module's first
/// line when the module leaves it at Django's default (`default_note` says so).
pub fn at_setting(ctx: &Context, name: &str, setting: &Effective, message: String) -> Draft {
    let (span, notes) = if setting.assigned {
        (setting.value.origin, Vec::new())
    } else {
        (
            ctx.anchor(),
            vec![format!(
                "{name} is never assigned, so it has Django{}'s default, {}",
                ctx.pinned_django
                    .as_ref()
                    .map(|v| format!(" {v}"))
                    .unwrap_or_default(),
                setting.value
            )],
        )
    };
    let scenario = if setting.assigned {
        ctx.scenario(&setting.value.env)
    } else {
        DEFAULT_SCENARIO.into()
    };
    Draft {
        span,
        message,
        scenario,
        notes,
        setting: Some(name.to_string()),
        fix: None,
    }
}

/// Django's `setting is True`: only the boolean True passes, not `1` nor the string `'True'`.
/// `None` when the value is unknown.
pub fn is_true(value: &Value) -> Option<bool> {
    match value.kind {
        Kind::Bool(b) => Some(b),
        // Every known value has a truthiness; the unknown ones have none.
        _ => value.truthy().map(|_| false),
    }
}

/// Django's `middleware in MIDDLEWARE` checks (security.W001–W003): a finding at MIDDLEWARE
/// (or the module's first line when it is never assigned) when `middleware` is not in it.
/// `effect` says what the missing middleware leaves undone.
pub fn middleware_missing(ctx: &Context, middleware: &str, effect: &str) -> Option<Draft> {
    if contains(ctx, "MIDDLEWARE", middleware)? {
        return None;
    }
    let setting = ctx.effective("MIDDLEWARE")?;
    let message = format!(
        "MIDDLEWARE does not include {}: {effect}",
        python_repr(middleware)
    );
    Some(at_setting(ctx, "MIDDLEWARE", &setting, message))
}

/// Django's `settings.SECURE_HSTS_SECONDS` test: whether HSTS is on. `None` (and a diagnostic)
/// when it is unknown.
pub fn hsts_enabled(ctx: &Context) -> Option<bool> {
    let seconds = ctx.effective("SECURE_HSTS_SECONDS")?;
    let on = seconds.value.truthy();
    if on.is_none() {
        ctx.unresolved("SECURE_HSTS_SECONDS", &seconds.value);
    }
    on
}

/// Django's `settings.NAME is True` half of a check whose other conditions hold: a finding at
/// the setting when it is anything but True, saying `effect` when it is off. A truthy value
/// that is not True (say the string `'True'` read from the environment) turns the middleware
/// on but fails Django's check, and the message says so.
pub fn not_true(ctx: &Context, name: &str, effect: &str) -> Option<Draft> {
    let setting = ctx.effective(name)?;
    let message = match (is_true(&setting.value), setting.value.truthy()) {
        (Some(true), _) => return None,
        (Some(false), Some(false)) => format!("{name} is {}: {effect}", setting.value),
        (Some(false), _) => format!(
            "{name} is {}, not True: the middleware treats any truthy value as on, but Django's check accepts only the boolean True, so convert the value explicitly",
            setting.value
        ),
        (None, _) => {
            ctx.unresolved(name, &setting.value);
            return None;
        }
    };
    Some(at_setting(ctx, name, &setting, message))
}

/// Django's `_check_secret_key` (security.W009, W025): a key passes with at least 50 characters,
/// at least 5 distinct ones, and without the `django-insecure-` prefix.
pub const SECRET_KEY_INSECURE_PREFIX: &str = "django-insecure-";
pub const SECRET_KEY_MIN_LENGTH: usize = 50;
pub const SECRET_KEY_MIN_UNIQUE_CHARACTERS: usize = 5;

/// Why a `str` or `bytes` key fails Django's `_check_secret_key`, as short phrases (empty when
/// it passes). `None` for a value that is not a known string. Lengths count what Python's `len`
/// counts: characters of a `str`, bytes of a `bytes`.
pub fn secret_key_weaknesses(key: &Value) -> Option<Vec<String>> {
    let (length, unique, prefixed) = match &key.kind {
        Kind::Str(s) => {
            let unique: std::collections::BTreeSet<char> = s.chars().collect();
            (
                s.chars().count(),
                unique.len(),
                s.starts_with(SECRET_KEY_INSECURE_PREFIX),
            )
        }
        Kind::Bytes(b) => {
            let unique: std::collections::BTreeSet<u8> = b.iter().copied().collect();
            (
                b.len(),
                unique.len(),
                b.starts_with(SECRET_KEY_INSECURE_PREFIX.as_bytes()),
            )
        }
        _ => return None,
    };
    let mut weaknesses = Vec::new();
    if length == 0 {
        weaknesses.push("empty".to_string());
        return Some(weaknesses);
    }
    if length < SECRET_KEY_MIN_LENGTH {
        weaknesses.push(format!(
            "{length} characters, fewer than {SECRET_KEY_MIN_LENGTH}"
        ));
    }
    if unique < SECRET_KEY_MIN_UNIQUE_CHARACTERS {
        let noun = if unique == 1 {
            "character"
        } else {
            "characters"
        };
        weaknesses.push(format!(
            "only {unique} distinct {noun}, fewer than {SECRET_KEY_MIN_UNIQUE_CHARACTERS}"
        ));
    }
    if prefixed {
        weaknesses.push(format!(
            "the `{SECRET_KEY_INSECURE_PREFIX}` prefix of a development key generated by startproject"
        ));
    }
    Some(weaknesses)
}

/// `dict[key]` for a dict setting with string keys (CACHES, MAILERS): `Some(None)` when the key
/// is absent. `None` when the value is not a known dict, or the key may hide behind an unknown
/// key.
pub fn dict_entry(dict: &Value, key: &str) -> Option<Option<Value>> {
    let pairs = dict.pairs()?;
    if let Some((_, value)) = pairs.iter().find(|(k, _)| k.as_str() == Some(key)) {
        return Some(Some(value.clone()));
    }
    if pairs.iter().any(|(k, _)| k.is_unknown()) {
        return None;
    }
    Some(None)
}

pub const SESSIONS_APP: &str = "django.contrib.sessions";
pub const SESSION_MIDDLEWARE: &str = "django.contrib.sessions.middleware.SessionMiddleware";

/// Which of Django's session-cookie checks applies (security.W010–W015): the sessions app is
/// installed, SessionMiddleware is enabled, or both. `None` when neither is known to be (a
/// list that is unknown has already been reported).
pub fn sessions_in_use(ctx: &Context) -> Option<SessionsInUse> {
    let app = contains(ctx, "INSTALLED_APPS", SESSIONS_APP);
    let middleware = contains(ctx, "MIDDLEWARE", SESSION_MIDDLEWARE);
    if app != Some(true) && middleware != Some(true) {
        return None;
    }
    Some(SessionsInUse {
        app: app == Some(true),
        middleware: middleware == Some(true),
    })
}

#[derive(Clone, Copy)]
pub struct SessionsInUse {
    pub app: bool,
    pub middleware: bool,
}

impl SessionsInUse {
    /// Django's check id for this case: `ids[0]` for the app alone, `ids[1]` for the middleware
    /// alone, `ids[2]` for both.
    pub fn django_check(self, ids: [&'static str; 3]) -> &'static str {
        match (self.app, self.middleware) {
            (true, true) => ids[2],
            (true, false) => ids[0],
            _ => ids[1],
        }
    }

    /// What puts the session cookie in use, for notes.
    pub fn describe(self) -> String {
        let app = format!("{} is in INSTALLED_APPS", python_repr(SESSIONS_APP));
        let middleware = format!("{} is in MIDDLEWARE", python_repr(SESSION_MIDDLEWARE));
        match (self.app, self.middleware) {
            (true, true) => format!("{app} and {middleware}"),
            (true, false) => app,
            _ => middleware,
        }
    }
}
