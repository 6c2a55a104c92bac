//! DJS028 async-unsafe-allowed (async.E001): the settings, or a deployment file that selects
//! them, put DJANGO_ALLOW_ASYNC_UNSAFE into the process environment.

use crate::eval::value::{Kind, python_repr};

use super::context::{Context, Draft, unset_scenario};

const VARIABLE: &str = "DJANGO_ALLOW_ASYNC_UNSAFE";

pub fn check(ctx: &Context) -> Option<Draft> {
    set_by_settings(ctx).or_else(|| set_by_deployment(ctx))
}

/// `ENV DJANGO_ALLOW_ASYNC_UNSAFE=...` in a Dockerfile or compose file that selects the module.
fn set_by_deployment(ctx: &Context) -> Option<Draft> {
    ctx.deployments.iter().find_map(|deployment| {
        let (value, line) = deployment.vars.get(VARIABLE)?;
        if value.is_empty() {
            return None;
        }
        Some(Draft {
            setting: Some(VARIABLE.to_string()),
            fix: None,
            span: ctx.deployment_line(deployment, *line)?,
            message: format!(
                "{}:{line} sets {VARIABLE} to {} for the deployment: Django no longer stops synchronous ORM and other thread-unsafe calls from running inside the event loop",
                deployment.file,
                python_repr(value)
            ),
            scenario: deployment.file.clone(),
            notes: Vec::new(),
        })
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
        setting: Some(VARIABLE.to_string()),
        fix: None,
        span: write.span,
        message: format!(
            "the settings set {VARIABLE} to {value}: Django no longer stops synchronous ORM and other thread-unsafe calls from running inside the event loop"
        ),
        scenario: unset_scenario(&value.env),
        notes,
    })
}
