//! DJS034 secret-key-generated-at-import: SECRET_KEY is a fresh random value each time the
//! settings are imported (`get_random_secret_key()`, `secrets.token_urlsafe()`, `os.urandom()`),
//! literally or as the fallback when its variable is unset.

use crate::eval::value::Kind;

use super::beyond_django::{at_value, is_development, when_unset};
use super::context::{Context, Draft};

pub fn check(ctx: &Context) -> Option<Draft> {
    // A development server is one process, and its restarts only log the developer out.
    if is_development(ctx) {
        return None;
    }
    let value = ctx.setting("SECRET_KEY")?;
    let Kind::Random(function) = &value.kind else {
        if value.unknown_reason().is_some() {
            ctx.unresolved("SECRET_KEY", &value);
        }
        return None;
    };
    let how = if value.env.is_empty() {
        format!("SECRET_KEY is generated with `{function}()` when the settings are imported")
    } else {
        format!(
            "SECRET_KEY falls back to a key generated with `{function}()`{}",
            when_unset(ctx, &value)
        )
    };
    Some(at_value(
        ctx,
        "SECRET_KEY",
        &value,
        format!(
            "{how}: every worker process gets a different key, so sessions, password reset links and signed cookies made by one are rejected by the others and all are invalidated on every restart"
        ),
    ))
}
