//! DJS041 template-debug-enabled: a TEMPLATES engine sets `OPTIONS['debug']` to a true value
//! in a deployed settings module (Django's default is the value of DEBUG).

use crate::eval::value::Kind;

use super::beyond_django::{at_value, is_development, location, when_unset};
use super::context::{Context, Draft};

pub fn check(ctx: &Context) -> Option<Draft> {
    if is_development(ctx) {
        return None;
    }
    // Never assigned: Django's default is no engine at all.
    let templates = ctx.setting("TEMPLATES")?;
    let Some(engines) = templates.items() else {
        if templates.is_unknown() {
            ctx.unresolved("TEMPLATES", &templates);
        }
        return None;
    };
    let mut found = Vec::new();
    for (i, engine) in engines.iter().enumerate() {
        let engine = engine.clone().with_env(&templates.env);
        let Some(options) = lookup(ctx, &format!("TEMPLATES[{i}]"), &engine, "OPTIONS") else {
            continue;
        };
        let path = format!("TEMPLATES[{i}]['OPTIONS']");
        let Some(debug) = lookup(ctx, &path, &options, "debug") else {
            continue;
        };
        match debug.truthy() {
            Some(true) => found.push((i, debug)),
            Some(false) => {}
            None => ctx.unresolved(&format!("{path}['debug']"), &debug),
        }
    }
    let ((i, debug), others) = found.split_first()?;
    let mut draft = at_value(
        ctx,
        "TEMPLATES",
        debug,
        format!(
            "TEMPLATES[{i}]['OPTIONS']['debug'] is {debug}{}: template errors carry the template's source and context, which error reports (and the technical 500 page, should DEBUG be on) show",
            when_unset(ctx, debug)
        ),
    );
    for (j, other) in others {
        draft.notes.push(format!(
            "also TEMPLATES[{j}]['OPTIONS']['debug'] at {}",
            location(ctx, other.origin)
        ));
    }
    Some(draft)
}

/// `container[key]` of a dict, with the dict's environment dependencies. `None` when the key
/// is absent or the container is not a dict (an unknown container is reported).
fn lookup(
    ctx: &Context,
    path: &str,
    container: &crate::eval::value::Value,
    key: &str,
) -> Option<crate::eval::value::Value> {
    match &container.kind {
        Kind::Dict(_) if container.pairs().is_some() => container
            .pairs()
            .unwrap_or_default()
            .into_iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v.clone().with_env(&container.env)),
        _ => {
            if container.is_unknown() {
                ctx.unresolved(path, container);
            }
            None
        }
    }
}
