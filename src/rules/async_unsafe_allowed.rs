//! DJS028 async-unsafe-allowed (async.E001): the settings, or a deployment file that selects
//! them, put DJANGO_ALLOW_ASYNC_UNSAFE into the process environment.

use crate::eval::value::{Kind, python_repr};

use super::context::{Context, Draft};

const VARIABLE: &str = "DJANGO_ALLOW_ASYNC_UNSAFE";

pub fn check(ctx: &Context) -> Option<Draft> {
    set_by_settings(ctx).or_else(|| set_by_deployment(ctx))
}

/// `ENV DJANGO_ALLOW_ASYNC_UNSAFE=...` in the deployment the module is linted under.
fn set_by_deployment(ctx: &Context) -> Option<Draft> {
    let set = ctx.set_by_variant(VARIABLE)?;
    let value = set.value.as_ref()?;
    if value.is_empty() {
        return None;
    }
    let vars = [std::rc::Rc::from(VARIABLE)].into_iter().collect();
    let (span, said) = ctx.decided_by_deployment(&vars)?;
    Some(Draft {
        setting: Some(VARIABLE.into()),
        fix: None,
        span,
        message: format!(
            "the deployment {} sets {said}: Django no longer stops synchronous ORM and other thread-unsafe calls from running inside the event loop",
            ctx.variant_label(),
        ),
        scenario: ctx.scenario(&vars),
        notes: Vec::new(),
    })
}

fn set_by_settings(ctx: &Context) -> Option<Draft> {
    let evaluation = ctx.baseline();
    // The last write is what the process has once the settings are imported.
    let write = evaluation
        .env_writes
        .iter()
        .rev()
        .find(|w| &*w.var == VARIABLE)?;
    let value = &write.value;
    match &value.kind {
        // Django tests `os.environ.get(...)`: any non-empty string, "false" and "0" included.
        Kind::Str(s) if !s.is_empty() => {}
        Kind::Str(_) => return None,
        _ => {
            ctx.unresolved(VARIABLE, value);
            return None;
        }
    }
    let mut notes = Vec::new();
    if let Some(s) = value.as_str()
        && matches!(
            s.to_ascii_lowercase().as_str(),
            "0" | "false" | "no" | "off"
        )
    {
        notes.push(format!(
            "Django checks only that the variable is non-empty: {} turns the protection off too",
            python_repr(s)
        ));
    }
    notes.extend(ctx.deployment_notes(&value.env));
    Some(Draft {
        setting: Some(VARIABLE.into()),
        fix: None,
        span: write.span,
        message: format!(
            "the settings set {VARIABLE} to {value}: Django no longer stops synchronous ORM and other thread-unsafe calls from running inside the event loop"
        ),
        scenario: ctx.scenario(&value.env),
        notes,
    })
}
