//! DJS005 security-middleware-missing (security.W001): SecurityMiddleware is not in MIDDLEWARE.

use super::context::{Context, Draft};
use super::django::{SECURITY_MIDDLEWARE, middleware_missing};

pub fn check(ctx: &Context) -> Option<Draft> {
    middleware_missing(
        ctx,
        SECURITY_MIDDLEWARE,
        "HSTS, the HTTPS redirect, the nosniff header and the referrer and cross-origin opener policies are all off, whatever the SECURE_* settings say",
    )
}
