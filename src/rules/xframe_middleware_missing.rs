//! DJS006 xframe-middleware-missing (security.W002): XFrameOptionsMiddleware is not in
//! MIDDLEWARE.

use super::context::{Context, Draft};
use super::django::{XFRAME_MIDDLEWARE, middleware_missing};

pub fn check(ctx: &Context) -> Option<Draft> {
    middleware_missing(
        ctx,
        XFRAME_MIDDLEWARE,
        "pages are served without an X-Frame-Options header, so any site can frame them (clickjacking)",
    )
}
