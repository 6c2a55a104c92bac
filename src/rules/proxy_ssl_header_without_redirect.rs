//! DJS042 proxy-ssl-header-without-redirect: SECURE_PROXY_SSL_HEADER says a TLS-terminating
//! proxy is in front, but SECURE_SSL_REDIRECT is not True, so plain-HTTP requests the proxy
//! passes on are answered over HTTP.

use crate::eval::value::Kind;

use super::beyond_django::{at_value, location};
use super::context::{Context, Draft};

pub fn check(ctx: &Context) -> Option<Draft> {
    // Never assigned: Django's default is None (no proxy header).
    let header = ctx.setting("SECURE_PROXY_SSL_HEADER")?;
    match &header.kind {
        Kind::None => return None,
        _ if header.is_unknown() => {
            ctx.unresolved("SECURE_PROXY_SSL_HEADER", &header);
            return None;
        }
        _ => {}
    }
    let redirect = ctx.effective("SECURE_SSL_REDIRECT")?;
    // SecurityMiddleware redirects when the setting is truthy.
    match redirect.value.truthy() {
        Some(true) => return None,
        Some(false) => {}
        None => {
            ctx.unresolved("SECURE_SSL_REDIRECT", &redirect.value);
            return None;
        }
    }
    let state = if redirect.assigned {
        format!("SECURE_SSL_REDIRECT is {}", redirect.value)
    } else {
        "SECURE_SSL_REDIRECT is never set (Django's default is False)".to_string()
    };
    let message = format!(
        "SECURE_PROXY_SSL_HEADER is {header}, so a TLS-terminating proxy is in front, but {state}: plain-HTTP requests it passes on are answered over HTTP, session cookies and all, unless the proxy redirects them itself"
    );
    // Point at what to change: the redirect when the module turns it off, else the header.
    if redirect.assigned {
        let mut draft = at_value(ctx, "SECURE_SSL_REDIRECT", &redirect.value, message);
        draft.notes.push(format!(
            "SECURE_PROXY_SSL_HEADER is set at {}",
            location(ctx, header.origin)
        ));
        draft.scenario = ctx.scenario(&crate::eval::value::union(&redirect.value.env, &header.env));
        Some(draft)
    } else {
        Some(at_value(ctx, "SECURE_PROXY_SSL_HEADER", &header, message))
    }
}
