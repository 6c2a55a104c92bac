//! DJS015 cross-origin-opener-policy-invalid (security.E024): SecurityMiddleware is on and
//! SECURE_CROSS_ORIGIN_OPENER_POLICY is neither None nor a Cross-Origin-Opener-Policy value.

use crate::eval::value::Kind;

use super::context::{Context, Draft};
use super::django::{SECURITY_MIDDLEWARE, at_setting, contains};

const NAME: &str = "SECURE_CROSS_ORIGIN_OPENER_POLICY";

/// Django's CROSS_ORIGIN_OPENER_POLICY_VALUES.
const VALID: &[&str] = &["same-origin", "same-origin-allow-popups", "unsafe-none"];

pub fn check(ctx: &Context) -> Option<Draft> {
    if !contains(ctx, "MIDDLEWARE", SECURITY_MIDDLEWARE)? {
        return None;
    }
    let setting = ctx.effective(NAME)?;
    let value = &setting.value;
    match &value.kind {
        Kind::None => return None,
        Kind::Str(s) if VALID.contains(&&**s) => return None,
        Kind::Str(_) => {}
        // Unhashable: Django's `not in` check fails with a TypeError, not security.E024.
        Kind::List(_) | Kind::Set(_) | Kind::Dict(_) => return None,
        _ if value.truthy().is_none() => {
            ctx.unresolved(NAME, value);
            return None;
        }
        _ => {}
    }
    let message = format!(
        "{NAME} is {value}, which is not a Cross-Origin-Opener-Policy value: browsers ignore the header, so the site's windows are not isolated from cross-origin windows that open them or that they open"
    );
    Some(at_setting(ctx, NAME, &setting, message))
}
