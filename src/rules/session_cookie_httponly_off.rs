//! DJS024 session-cookie-httponly-off (security.W013/W014/W015): the session cookie is in use and
//! SESSION_COOKIE_HTTPONLY is not True.

use super::context::{Context, Draft};
use super::django::{is_true, not_true, sessions_in_use};

pub fn check(ctx: &Context) -> Option<Draft> {
    // Django's default is True.
    if is_true(&ctx.effective("SESSION_COOKIE_HTTPONLY")?.value) == Some(true) {
        return None;
    }
    let sessions = sessions_in_use(ctx)?;
    let mut draft = not_true(
        ctx,
        "SESSION_COOKIE_HTTPONLY",
        "JavaScript can read the session cookie, so one cross-site scripting bug is enough to steal sessions",
    )?;
    let check = sessions.django_check(["security.W013", "security.W014", "security.W015"]);
    draft.notes.push(format!(
        "the session cookie is in use: {} (Django's {check})",
        sessions.describe()
    ));
    if let Some(setting) = ctx.setting("SESSION_COOKIE_HTTPONLY") {
        draft.notes.extend(ctx.deployment_notes(&setting.env));
    }
    Some(draft)
}
