//! DJS039 pickle-session-serializer: SESSION_SERIALIZER unpickles session data.

use super::beyond_django::{at_value, describe};
use super::context::{Context, Draft};

pub fn check(ctx: &Context) -> Option<Draft> {
    // Never assigned: Django's default is the JSONSerializer.
    let value = ctx.setting("SESSION_SERIALIZER")?;
    if value.is_unknown() {
        ctx.unresolved("SESSION_SERIALIZER", &value);
        return None;
    }
    // Django's own PickleSerializer (removed in 5.0) and the copies projects keep of it.
    let class = value.as_str()?.rsplit('.').next().unwrap_or_default();
    if !class.to_ascii_lowercase().contains("pickle") {
        return None;
    }
    let mut message = format!(
        "{}: loading a session unpickles it, so anyone who can write session data (with the SECRET_KEY, or access to the session store) runs code on the server",
        describe(ctx, "SESSION_SERIALIZER", &value)
    );
    if let Some(engine) = ctx.setting("SESSION_ENGINE")
        && engine.as_str() == Some("django.contrib.sessions.backends.signed_cookies")
    {
        message.push_str(
            "; with the signed_cookies SESSION_ENGINE the session is the cookie itself, so the SECRET_KEY alone is enough",
        );
    }
    Some(at_value(ctx, "SESSION_SERIALIZER", &value, message))
}
