//! DJS013 referrer-policy-unset (security.W022): SecurityMiddleware is on but
//! SECURE_REFERRER_POLICY is None.

use crate::eval::value::Kind;

use super::context::{Context, Draft};
use super::django::{SECURITY_MIDDLEWARE, at_setting, contains};

const NAME: &str = "SECURE_REFERRER_POLICY";

pub fn check(ctx: &Context) -> Option<Draft> {
    if !contains(ctx, "MIDDLEWARE", SECURITY_MIDDLEWARE)? {
        return None;
    }
    let setting = ctx.effective(NAME)?;
    match setting.value.kind {
        Kind::None => Some(at_setting(
            ctx,
            NAME,
            &setting,
            format!(
                "{NAME} is None: no Referrer-Policy header is sent, so each browser applies its own default, which in older browsers sends full URLs, query strings included, to other sites"
            ),
        )),
        _ if setting.value.truthy().is_none() => {
            ctx.unresolved(NAME, &setting.value);
            None
        }
        _ => None,
    }
}
