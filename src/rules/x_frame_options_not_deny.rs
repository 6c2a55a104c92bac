//! DJS012 x-frame-options-not-deny (security.W019): XFrameOptionsMiddleware is on but
//! X_FRAME_OPTIONS is not exactly 'DENY'.

use super::context::{Context, Draft};
use super::django::{XFRAME_MIDDLEWARE, at_setting, contains};

const NAME: &str = "X_FRAME_OPTIONS";

pub fn check(ctx: &Context) -> Option<Draft> {
    if !contains(ctx, "MIDDLEWARE", XFRAME_MIDDLEWARE)? {
        return None;
    }
    let setting = ctx.effective(NAME)?;
    let value = &setting.value;
    // Django compares with `!= 'DENY'`; the middleware sends the value upper-cased.
    let effect = match value.as_str() {
        Some("DENY") => return None,
        Some(s) => match s.to_ascii_uppercase().as_str() {
            "DENY" => "the middleware upper-cases it, but Django's check compares the exact string",
            "SAMEORIGIN" => {
                "any page on the same origin (an uploaded HTML file, say) can frame the site's pages"
            }
            _ => {
                "browsers ignore X-Frame-Options values other than DENY and SAMEORIGIN, so any site can frame the pages"
            }
        },
        None if value.truthy().is_none() => {
            ctx.unresolved(NAME, value);
            return None;
        }
        None => "the middleware needs the string 'DENY' or 'SAMEORIGIN'",
    };
    let message = format!("{NAME} is {value}, not 'DENY': {effect}");
    Some(at_setting(ctx, NAME, &setting, message))
}
