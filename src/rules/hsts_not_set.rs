//! DJS004 hsts-not-set (security.W004): SecurityMiddleware is on but SECURE_HSTS_SECONDS is 0.

use super::context::{Context, Draft};
use super::django::{SECURITY_MIDDLEWARE, at_setting, contains};

pub fn check(ctx: &Context) -> Option<Draft> {
    if !contains(ctx, "MIDDLEWARE", SECURITY_MIDDLEWARE)? {
        return None;
    }
    let seconds = ctx.effective("SECURE_HSTS_SECONDS")?;
    match seconds.value.truthy() {
        Some(false) => Some(at_setting(
            ctx,
            "SECURE_HSTS_SECONDS",
            &seconds,
            format!(
                "SECURE_HSTS_SECONDS is {}: browsers are not told to use HTTPS only (no Strict-Transport-Security header)",
                seconds.value
            ),
        )),
        Some(true) => None,
        None => {
            ctx.unresolved("SECURE_HSTS_SECONDS", &seconds.value);
            None
        }
    }
}
