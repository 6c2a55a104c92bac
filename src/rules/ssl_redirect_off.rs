//! DJS011 ssl-redirect-off (security.W008): SecurityMiddleware is on but SECURE_SSL_REDIRECT is
//! not True.

use super::context::{Context, Draft};
use super::django::{SECURITY_MIDDLEWARE, contains, not_true};

pub fn check(ctx: &Context) -> Option<Draft> {
    if !contains(ctx, "MIDDLEWARE", SECURITY_MIDDLEWARE)? {
        return None;
    }
    not_true(
        ctx,
        "SECURE_SSL_REDIRECT",
        "requests over plain HTTP are served as they are instead of being redirected to HTTPS",
    )
}
