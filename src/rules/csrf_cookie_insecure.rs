//! DJS025 csrf-cookie-insecure (security.W016): CsrfViewMiddleware keeps its token in a cookie
//! (CSRF_USE_SESSIONS is off) and CSRF_COOKIE_SECURE is not True.

use super::context::{Context, Draft};
use super::django::{CSRF_MIDDLEWARE, contains, is_true, not_true};

pub fn check(ctx: &Context) -> Option<Draft> {
    if is_true(&ctx.effective("CSRF_COOKIE_SECURE")?.value) == Some(true) {
        return None;
    }
    // With CSRF_USE_SESSIONS the token lives in the session, not in a cookie of its own.
    let use_sessions = ctx.effective("CSRF_USE_SESSIONS")?;
    match use_sessions.value.truthy() {
        Some(true) => return None,
        Some(false) => {}
        None => {
            ctx.unresolved("CSRF_USE_SESSIONS", &use_sessions.value);
            return None;
        }
    }
    if !contains(ctx, "MIDDLEWARE", CSRF_MIDDLEWARE)? {
        return None;
    }
    let mut draft = not_true(
        ctx,
        "CSRF_COOKIE_SECURE",
        "browsers also send the CSRF cookie over plain HTTP, where anyone on the network can read the token",
    )?;
    if let Some(setting) = ctx.setting("CSRF_COOKIE_SECURE") {
        draft.notes.extend(ctx.deployment_notes(&setting.env));
    }
    Some(draft)
}
