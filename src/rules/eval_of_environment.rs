//! DJS045 eval-of-environment: the settings pass a value read from the environment to `eval`
//! or `exec`, so whoever sets the variable runs Python in every process that imports them.

use super::beyond_django::location;
use super::context::{Context, Draft, variables};

pub fn check(ctx: &Context) -> Option<Draft> {
    // Under a deployment's environment, a call in a branch that environment takes.
    let mut calls = ctx.baseline().code_execution.clone();
    calls.sort_by_key(|c| {
        (
            ctx.project.sources.get(c.span.file).display.clone(),
            c.span.start,
        )
    });
    calls.dedup_by_key(|c| c.span);
    let (first, others) = calls.split_first()?;
    let message = format!(
        "`{}()` runs a value derived from {}: whoever can set the variable (a deployment file, a CI secret, a compromised host) runs arbitrary Python in every process that imports these settings",
        first.function,
        variables(&first.env)
    );
    Some(Draft {
        setting: None,
        fix: None,
        span: first.span,
        message,
        scenario: "always".into(),
        notes: others
            .iter()
            .map(|c| {
                format!(
                    "also `{}()` of {} at {}",
                    c.function,
                    variables(&c.env),
                    location(ctx, c.span)
                )
            })
            .collect(),
    })
}
