//! DJS008 hsts-include-subdomains-off (security.W005): SecurityMiddleware is on, HSTS is on, but
//! SECURE_HSTS_INCLUDE_SUBDOMAINS is not True.

use super::context::{Context, Draft};
use super::django::{SECURITY_MIDDLEWARE, contains, hsts_enabled, not_true};

pub fn check(ctx: &Context) -> Option<Draft> {
    if !contains(ctx, "MIDDLEWARE", SECURITY_MIDDLEWARE)? || !hsts_enabled(ctx)? {
        return None;
    }
    not_true(
        ctx,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "the Strict-Transport-Security header leaves out subdomains, which browsers still reach over plain HTTP",
    )
}
