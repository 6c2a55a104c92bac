//! DJS030 cors-allow-all-origins: django-cors-headers answers every origin
//! (`CORS_ALLOW_ALL_ORIGINS`, or the legacy `CORS_ORIGIN_ALLOW_ALL`, is true).

use super::beyond_django::{at_value, describe, with_legacy};
use super::context::{Context, Draft};

pub fn check(ctx: &Context) -> Option<Draft> {
    // django-cors-headers reads `getattr(settings, "CORS_ALLOW_ALL_ORIGINS",
    // getattr(settings, "CORS_ORIGIN_ALLOW_ALL", False))` and tests it with `if`.
    let (name, value) = with_legacy(ctx, "CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL")?;
    match value.truthy() {
        Some(true) => {}
        Some(false) => return None,
        None => {
            ctx.unresolved(name, &value);
            return None;
        }
    }
    let credentials = ctx.setting("CORS_ALLOW_CREDENTIALS");
    let mut message = describe(ctx, name, &value);
    let mut draft_notes = Vec::new();
    match credentials.as_ref().map(|c| (c, c.truthy())) {
        Some((credentials, Some(true))) => {
            message.push_str(&format!(
                " and {}: every website can make requests with the user's cookies and read the responses (django-cors-headers echoes the request's Origin and sends Access-Control-Allow-Credentials: true)",
                describe(ctx, "CORS_ALLOW_CREDENTIALS", credentials)
            ));
        }
        Some((credentials, None)) => {
            ctx.unresolved("CORS_ALLOW_CREDENTIALS", credentials);
            message.push_str(": every website can read this site's responses in its visitors' browsers");
            draft_notes.push("CORS_ALLOW_CREDENTIALS could not be determined; if it is true, every website can also send the user's cookies and read what comes back".to_string());
        }
        _ => message.push_str(
            ": every website can read this site's responses in its visitors' browsers (worse with CORS_ALLOW_CREDENTIALS = True: then with the user's cookies)",
        ),
    }
    if name == "CORS_ORIGIN_ALLOW_ALL" {
        draft_notes.push(
            "CORS_ORIGIN_ALLOW_ALL is the name django-cors-headers used before 3.5; CORS_ALLOW_ALL_ORIGINS replaces it".to_string(),
        );
    }
    let mut draft = at_value(ctx, name, &value, message);
    draft.notes.extend(draft_notes);
    Some(draft)
}
