//! DJS027 development-email-backend (mail.E001, Django 6.1): the default mailer, or (beyond
//! Django's check) EMAIL_BACKEND, is the console, dummy, file-based or in-memory backend.

use crate::eval::value::{Value, python_repr};

use super::context::{Context, Draft};
use super::django::dict_entry;

/// Django's development-only backends, and what each does with a message.
const DEVELOPMENT_BACKENDS: &[(&str, &str)] = &[
    (
        "django.core.mail.backends.console.EmailBackend",
        "writes every message, password reset links included, to standard output and so to the logs",
    ),
    (
        "django.core.mail.backends.filebased.EmailBackend",
        "writes every message, password reset links included, to files in EMAIL_FILE_PATH",
    ),
    (
        "django.core.mail.backends.locmem.EmailBackend",
        "keeps every message in memory (`django.core.mail.outbox`) and sends nothing",
    ),
    (
        "django.core.mail.backends.dummy.EmailBackend",
        "silently discards every message",
    ),
];

pub fn check(ctx: &Context) -> Option<Draft> {
    // MAILERS (Django 6.1) wins over the older EMAIL_BACKEND when a module sets it.
    match ctx.setting("MAILERS") {
        Some(mailers) => {
            let Some(default) = dict_entry(&mailers, "default") else {
                ctx.unresolved("MAILERS", &mailers);
                return None;
            };
            let default = default?;
            let backend = dict_entry(&default, "BACKEND");
            let Some(backend) = backend else {
                ctx.unresolved("MAILERS['default']", &default);
                return None;
            };
            development(ctx, "MAILERS['default']['BACKEND']", &backend?)
        }
        None => development(ctx, "EMAIL_BACKEND", &ctx.setting("EMAIL_BACKEND")?),
    }
}

fn development(ctx: &Context, setting: &str, backend: &Value) -> Option<Draft> {
    let Some(path) = backend.as_str() else {
        ctx.unresolved(setting, backend);
        return None;
    };
    let (_, effect) = DEVELOPMENT_BACKENDS.iter().find(|(p, _)| *p == path)?;
    Some(Draft {
        setting: Some(setting.to_string()),
        fix: None,
        span: backend.origin,
        message: format!(
            "{setting} is the development backend {}: it {effect}, instead of delivering mail",
            python_repr(path)
        ),
        scenario: ctx.scenario(&backend.env),
        notes: ctx.deployment_notes(&backend.env),
    })
}
