//! A cell: what one setting is in one environment, as the rules' context evaluates it, written
//! short enough for a table (`$SECRET_KEY` for a value the environment supplies, `?` for a part
//! djsafe cannot know).

use crate::eval::value::{Kind, Value, python_repr};
use crate::rules::context::Context;

use super::Cell;
use super::rows::{CellKind, RowSpec};

/// The prefix of Django's own email backends, shown by their short names.
const DJANGO_BACKENDS: &str = "django.core.mail.backends.";
/// Django's default EMAIL_BACKEND.
const SMTP_BACKEND: &str = "django.core.mail.backends.smtp.EmailBackend";

pub fn cell(ctx: &Context, row: &RowSpec) -> Cell {
    match row.kind {
        CellKind::Other => Cell {
            known: true,
            ..Cell::default()
        },
        CellKind::SecretKey => secret_key(ctx),
        CellKind::EmailBackend => email_backend(ctx),
        CellKind::Value => setting(ctx, row.settings),
    }
}

/// The first of `names` the settings assign (a legacy name second), else the first's default.
fn setting(ctx: &Context, names: &[&str]) -> Cell {
    for (index, name) in names.iter().enumerate() {
        if let Some(value) = ctx.setting(name) {
            let mut cell = of_value(ctx, &value, true);
            if index > 0 {
                cell.text = format!("{} ({name})", cell.text);
            }
            return cell;
        }
    }
    match ctx.effective(names[0]) {
        Some(effective) => of_value(ctx, &effective.value, effective.assigned),
        None => not_set(),
    }
}

fn not_set() -> Cell {
    Cell {
        text: "not set".into(),
        known: true,
        ..Cell::default()
    }
}

fn of_value(ctx: &Context, value: &Value, assigned: bool) -> Cell {
    let mut text = match &value.kind {
        Kind::Unknown(_) | Kind::External(_) | Kind::Instance(_) | Kind::Module(_) => {
            "unknown".to_string()
        }
        _ => short(value),
    };
    if !assigned {
        text.push_str(" (default)");
    }
    Cell {
        text,
        value: Some(value.to_string()),
        known: value.is_fully_known(),
        assigned,
        reason: value.first_unknown().map(|part| why_unknown(ctx, &part)),
        findings: Vec::new(),
    }
}

/// Python's repr, with what the environment supplies as `$VAR` and unknown parts as `?`.
fn short(value: &Value) -> String {
    let seq = |open: &str, items: &[Value], close: &str| {
        let shown: Vec<String> = items.iter().map(short).collect();
        let trailing = if open == "(" && items.len() == 1 {
            ","
        } else {
            ""
        };
        format!("{open}{}{trailing}{close}", shown.join(", "))
    };
    match &value.kind {
        Kind::FromEnv(var) => format!("${var}"),
        Kind::Random(_) => "<random>".into(),
        // A list or set whose contents djsafe lost track of (a mutation it cannot follow).
        Kind::List(items) | Kind::Set(items) if items.get().is_none() => "?".into(),
        Kind::List(items) => seq("[", &items.get().unwrap_or_default(), "]"),
        Kind::Tuple(items) => seq("(", items, ")"),
        Kind::Set(items) if items.with(|v| !v.is_empty()) == Some(true) => {
            seq("{", &items.get().unwrap_or_default(), "}")
        }
        Kind::Unknown(_)
        | Kind::External(_)
        | Kind::Instance(_)
        | Kind::Module(_)
        | Kind::Method(..)
        | Kind::Function(_)
        | Kind::Class(_) => "?".into(),
        _ => value.to_string(),
    }
}

/// Why a part of a value is unknown, for the JSON `reason` and the text's list.
fn why_unknown(ctx: &Context, part: &Value) -> String {
    match &part.kind {
        Kind::FromEnv(var) if ctx.set_by_variant(var).is_some() => {
            format!("`{var}` is set outside the repository")
        }
        Kind::FromEnv(var) => {
            format!("the settings require `{var}`: it is whatever the environment sets")
        }
        Kind::Random(function) => format!("a random value from `{function}()`"),
        Kind::External(path) => format!("`{path}` comes from a library djsafe does not model"),
        Kind::Unknown(reason) => reason.to_string(),
        _ => part.to_string(),
    }
}

/// Where SECRET_KEY comes from: `required from DJANGO_SECRET_KEY`, `literal at settings.py:12`,
/// `fallback literal when DJANGO_SECRET_KEY is unset`, `generated at import`. The key itself is
/// never shown.
fn secret_key(ctx: &Context) -> Cell {
    let Some(value) = ctx.setting("SECRET_KEY") else {
        return match ctx.effective("SECRET_KEY") {
            Some(effective) if effective.assigned => Cell {
                text: "unknown".into(),
                value: None,
                known: false,
                assigned: true,
                reason: Some(why_unknown(ctx, &effective.value)),
                findings: Vec::new(),
            },
            _ => Cell {
                text: "not set (Django refuses to start)".into(),
                known: true,
                ..Cell::default()
            },
        };
    };
    let unset = ctx.unset_of(&value.env);
    let unset_names: Vec<&str> = unset.iter().map(|v| &**v).collect();
    let when_unset = match unset_names.as_slice() {
        [] => String::new(),
        [one] => format!(" when {one} is unset"),
        several => format!(" when {} are unset", several.join(" and ")),
    };
    let vars: Vec<&str> = value.env.iter().map(|v| &**v).collect();
    let text = match &value.kind {
        // What `os.getenv('SECRET_KEY')` gives when the variable is unset: Django then refuses
        // to start, so the deployment must set it.
        Kind::None | Kind::Str(_) if !unset.is_empty() && value.truthy() == Some(false) => {
            format!("from {}, {} when unset", vars.join(" and "), short(&value))
        }
        Kind::None => "None (Django refuses to start)".to_string(),
        Kind::Str(s) if s.is_empty() => "empty (Django refuses to start)".to_string(),
        Kind::Str(_) | Kind::Bytes(_) => match set_by_deployment(ctx, &value) {
            Some(at) => format!("literal at {at}"),
            None if !unset.is_empty() => format!("fallback literal{when_unset}"),
            None => format!("literal at {}", at(ctx, value.origin)),
        },
        Kind::FromEnv(var) if ctx.set_by_variant(var).is_some() => {
            format!("from {var}, set outside the repository")
        }
        Kind::FromEnv(var) => format!("required from {var}"),
        Kind::Random(function) => format!("generated at import ({function}()){when_unset}"),
        Kind::Unknown(_) | Kind::External(_) => "unknown".into(),
        _ => format!("{} at {}", short(&value), at(ctx, value.origin)),
    };
    Cell {
        text,
        value: None,
        known: !matches!(value.kind, Kind::Unknown(_) | Kind::External(_)),
        assigned: true,
        reason: value
            .unknown_reason()
            .map(|reason| reason.to_string())
            .or_else(|| matches!(value.kind, Kind::External(_)).then(|| why_unknown(ctx, &value))),
        findings: Vec::new(),
    }
}

/// Where the deployment sets the key: the line setting a variable the key is read from, to the
/// key itself. (A deployment that only picks a branch, `APP_ENV=development` selecting a module
/// with a literal key, does not set the key: the literal is in the settings.)
fn set_by_deployment(ctx: &Context, value: &Value) -> Option<String> {
    let key = value.as_str()?;
    value
        .env
        .iter()
        .filter_map(|var| ctx.set_by_variant(var))
        .find(|set| set.value.as_deref() == Some(key))
        .and_then(|set| Some(format!("{}:{}", set.file.as_deref()?, set.line)))
}

/// `file:line` of a span, as reports show it.
fn at(ctx: &Context, span: crate::source::Span) -> String {
    let sources = &ctx.project.sources;
    format!(
        "{}:{}",
        sources.get(span.file).display,
        sources.start(span).line
    )
}

/// The default mailer's backend (Django 6.1's MAILERS when the settings set it), Django's own
/// by their short names.
fn email_backend(ctx: &Context) -> Cell {
    let (mut cell, backend) = match ctx.setting("MAILERS") {
        Some(mailers) => {
            let backend = dict_entry(&mailers, "default").and_then(|d| dict_entry(&d, "BACKEND"));
            match backend {
                Some(backend) => {
                    let mut cell = of_value(ctx, &backend, true);
                    cell.text = format!("{} (MAILERS)", cell.text);
                    (cell, backend.as_str().map(str::to_string))
                }
                None => (of_value(ctx, &mailers, true), None),
            }
        }
        None => match ctx.effective("EMAIL_BACKEND") {
            Some(effective) => {
                let path = effective.value.as_str().map(str::to_string);
                (of_value(ctx, &effective.value, effective.assigned), path)
            }
            // Django's default (djsafe's table of defaults holds only what the rules read).
            None => (
                Cell {
                    text: "smtp (default)".into(),
                    value: Some(python_repr(SMTP_BACKEND)),
                    known: true,
                    ..Cell::default()
                },
                None,
            ),
        },
    };
    if let Some(name) = backend
        .as_deref()
        .and_then(|path| path.strip_prefix(DJANGO_BACKENDS))
        .and_then(|rest| rest.strip_suffix(".EmailBackend"))
    {
        let full = python_repr(backend.as_deref().unwrap_or_default());
        cell.text = cell.text.replacen(&full, name, 1);
    }
    cell
}

/// `dict[key]` of a known dict with string keys.
fn dict_entry(dict: &Value, key: &str) -> Option<Value> {
    let Kind::Dict(pairs) = &dict.kind else {
        return None;
    };
    pairs
        .get()?
        .into_iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}
