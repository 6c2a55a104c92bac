//! DJS040 debug-propagate-exceptions: DEBUG_PROPAGATE_EXCEPTIONS is on, so Django re-raises
//! unhandled exceptions to the WSGI/ASGI server instead of answering with its 500 page.

use super::beyond_django::{at_value, describe, is_development, truthy_setting};
use super::context::{Context, Draft};

pub fn check(ctx: &Context) -> Option<Draft> {
    if is_development(ctx) {
        return None;
    }
    // Never assigned: Django's default is False.
    let value = truthy_setting(ctx, "DEBUG_PROPAGATE_EXCEPTIONS")?;
    Some(at_value(
        ctx,
        "DEBUG_PROPAGATE_EXCEPTIONS",
        &value,
        format!(
            "{}: unhandled exceptions skip Django's 500 handler and error logging (no `django.request` error, no mail to ADMINS) and reach the server, which may show the traceback to the client",
            describe(ctx, "DEBUG_PROPAGATE_EXCEPTIONS", &value)
        ),
    ))
}
