//! DJS022 allowed-hosts-empty (security.W020): ALLOWED_HOSTS is empty, or never assigned.

use super::context::{Context, Draft};
use super::django::at_setting;

pub fn check(ctx: &Context) -> Option<Draft> {
    let hosts = ctx.effective("ALLOWED_HOSTS")?;
    match hosts.value.truthy() {
        Some(false) => {
            let mut draft = at_setting(
                ctx,
                "ALLOWED_HOSTS",
                &hosts,
                format!(
                    "ALLOWED_HOSTS is {}: with DEBUG off Django rejects every request with 400 Bad Request, and the usual hurried fix, '*', turns Host header validation off",
                    hosts.value
                ),
            );
            draft.notes.extend(ctx.deployment_notes(&hosts.value.env));
            Some(draft)
        }
        Some(true) => None,
        None => {
            ctx.unresolved("ALLOWED_HOSTS", &hosts.value);
            None
        }
    }
}
