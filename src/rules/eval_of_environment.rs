//! DJS045 eval-of-environment: the settings pass a value read from the environment to `eval`
//! or `exec`, so whoever sets the variable runs Python in every process that imports them.

use std::collections::BTreeMap;

use super::beyond_django::location;
use super::context::{Context, Draft, variables};

pub fn check(ctx: &Context) -> Option<Draft> {
    let baseline = ctx.baseline();
    let (calls, scenario) = if baseline.code_execution.is_empty() {
        // A call in a branch the deployment's environment takes.
        ctx.deployments.iter().find_map(|deployment| {
            let vars: BTreeMap<String, String> = deployment
                .vars
                .iter()
                .map(|(k, (v, _))| (k.clone(), v.clone()))
                .collect();
            let evaluation = ctx.evaluation(vars);
            (!evaluation.code_execution.is_empty())
                .then(|| (evaluation.code_execution.clone(), deployment.file.clone()))
        })?
    } else {
        (baseline.code_execution.clone(), "always".to_string())
    };
    let mut calls = calls;
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
        scenario,
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
