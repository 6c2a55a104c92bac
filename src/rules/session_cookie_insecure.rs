//! DJS023 session-cookie-insecure (security.W010/W011/W012): the session cookie is in use and
//! SESSION_COOKIE_SECURE is not True.

use super::context::{Context, Draft};
use super::django::{is_true, not_true, sessions_in_use};

pub fn check(ctx: &Context) -> Option<Draft> {
    if is_true(&ctx.effective("SESSION_COOKIE_SECURE")?.value) == Some(true) {
        return None;
    }
    let sessions = sessions_in_use(ctx)?;
    let mut draft = not_true(
        ctx,
        "SESSION_COOKIE_SECURE",
        "browsers also send the session cookie over plain HTTP, where anyone on the network can read it and take over the session",
    )?;
    let check = sessions.django_check(["security.W010", "security.W011", "security.W012"]);
    draft.notes.push(format!(
        "the session cookie is in use: {} (Django's {check})",
        sessions.describe()
    ));
    if let Some(setting) = ctx.setting("SESSION_COOKIE_SECURE") {
        draft.notes.extend(ctx.deployment_notes(&setting.env));
    }
    Some(draft)
}
