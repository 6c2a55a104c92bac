//! DJS021 weak-secret-key-fallbacks (security.W025): an entry of SECRET_KEY_FALLBACKS fails the
//! test of security.W009.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::eval::value::Kind;

use super::context::{Context, Draft};
use super::django::secret_key_weaknesses;

pub fn check(ctx: &Context) -> Option<Draft> {
    // Never assigned: Django's default is [].
    let fallbacks = ctx.setting("SECRET_KEY_FALLBACKS")?;
    let Some(items) = fallbacks.items() else {
        // Anything but a list or tuple makes Django refuse to load the settings.
        if matches!(fallbacks.kind, Kind::Unknown(_)) {
            ctx.unresolved("SECRET_KEY_FALLBACKS", &fallbacks);
        }
        return None;
    };
    let mut weak = Vec::new();
    let mut env: BTreeSet<Rc<str>> = fallbacks.env.iter().cloned().collect();
    for (index, key) in items.iter().enumerate() {
        match secret_key_weaknesses(key) {
            Some(weaknesses) if !weaknesses.is_empty() => {
                env.extend(key.env.iter().cloned());
                weak.push((index, key, weaknesses));
            }
            Some(_) => {}
            // None signs with SECRET_KEY itself; required variables and random keys are not
            // known.
            None if matches!(key.kind, Kind::Unknown(_)) => {
                ctx.unresolved(&format!("SECRET_KEY_FALLBACKS[{index}]"), key)
            }
            None => {}
        }
    }
    let (_, first, _) = weak.first()?;
    let span = first.origin;
    let listed: Vec<String> = weak
        .iter()
        .map(|(index, _, weaknesses)| format!("[{index}] ({})", weaknesses.join("; ")))
        .collect();
    let (noun, verb) = if weak.len() == 1 {
        ("entry", "is")
    } else {
        ("entries", "are")
    };
    Some(Draft {
        setting: Some("SECRET_KEY_FALLBACKS".into()),
        fix: None,
        span,
        message: format!(
            "SECRET_KEY_FALLBACKS {noun} {} {verb} weak: Django still accepts what was signed with a fallback key, so a guessable one lets an attacker forge sessions, password reset links and signed data",
            listed.join(", ")
        ),
        scenario: ctx.scenario(&env),
        notes: ctx.deployment_notes(&env),
    })
}
