//! DJS044 samesite-none-without-secure: SESSION_COOKIE_SAMESITE or CSRF_COOKIE_SAMESITE is the
//! string 'None' while the matching *_COOKIE_SECURE is off.

use super::beyond_django::{at_value, describe, location};
use super::context::{Context, Draft};

pub fn check(ctx: &Context) -> Option<Draft> {
    let mut found = Vec::new();
    for (cookie, samesite_name, secure_name) in [
        (
            "session",
            "SESSION_COOKIE_SAMESITE",
            "SESSION_COOKIE_SECURE",
        ),
        ("CSRF", "CSRF_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE"),
    ] {
        // Never assigned: Django's default is 'Lax'. The Python value None sends no SameSite
        // attribute, which browsers treat as Lax.
        let Some(samesite) = ctx.setting(samesite_name) else {
            continue;
        };
        if samesite.is_unknown() {
            ctx.unresolved(samesite_name, &samesite);
            continue;
        }
        if !samesite
            .as_str()
            .is_some_and(|s| s.eq_ignore_ascii_case("none"))
        {
            continue;
        }
        let Some(secure) = ctx.effective(secure_name) else {
            continue;
        };
        // Django adds the Secure attribute when the setting is truthy.
        match secure.value.truthy() {
            Some(true) => {}
            Some(false) => found.push((cookie, samesite_name, samesite, secure_name, secure)),
            None => ctx.unresolved(secure_name, &secure.value),
        }
    }
    let ((cookie, samesite_name, samesite, secure_name, secure), others) = found.split_first()?;
    let secure_state = if secure.assigned {
        describe(ctx, secure_name, &secure.value)
    } else {
        format!("{secure_name} is never set (Django's default is False)")
    };
    let mut draft = at_value(
        ctx,
        samesite_name,
        samesite,
        format!(
            "{} but {secure_state}: the {cookie} cookie is sent on cross-site requests, also over plain HTTP, and current browsers reject a SameSite=None cookie without Secure altogether",
            describe(ctx, samesite_name, samesite)
        ),
    );
    for (_, name, other, secure_name, _) in others {
        draft.notes.push(format!(
            "also {name} = {other} at {} with {secure_name} off",
            location(ctx, other.origin)
        ));
    }
    Some(draft)
}
