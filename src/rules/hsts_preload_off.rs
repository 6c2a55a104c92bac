//! DJS009 hsts-preload-off (security.W021): SecurityMiddleware is on, HSTS is on, but
//! SECURE_HSTS_PRELOAD is not True.

use super::context::{Context, Draft};
use super::django::{SECURITY_MIDDLEWARE, contains, hsts_enabled, not_true};

pub fn check(ctx: &Context) -> Option<Draft> {
    if !contains(ctx, "MIDDLEWARE", SECURITY_MIDDLEWARE)? || !hsts_enabled(ctx)? {
        return None;
    }
    not_true(
        ctx,
        "SECURE_HSTS_PRELOAD",
        "the Strict-Transport-Security header lacks `preload`, so the site cannot join the browsers' preload list and a first visit may still go over plain HTTP",
    )
}
