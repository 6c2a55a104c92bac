//! DJS010 content-type-nosniff-off (security.W006): SecurityMiddleware is on but
//! SECURE_CONTENT_TYPE_NOSNIFF is not True.

use super::context::{Context, Draft};
use super::django::{SECURITY_MIDDLEWARE, contains, not_true};

pub fn check(ctx: &Context) -> Option<Draft> {
    if !contains(ctx, "MIDDLEWARE", SECURITY_MIDDLEWARE)? {
        return None;
    }
    not_true(
        ctx,
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "responses lack `X-Content-Type-Options: nosniff`, so browsers may sniff a file served as text or an image as HTML or script",
    )
}
