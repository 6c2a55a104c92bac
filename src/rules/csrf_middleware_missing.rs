//! DJS007 csrf-middleware-missing (security.W003): CsrfViewMiddleware is not in MIDDLEWARE.

use super::context::{Context, Draft};
use super::django::{CSRF_MIDDLEWARE, middleware_missing};

pub fn check(ctx: &Context) -> Option<Draft> {
    middleware_missing(
        ctx,
        CSRF_MIDDLEWARE,
        "POST, PUT and DELETE requests are not checked for a CSRF token unless each view is decorated with `csrf_protect`",
    )
}
