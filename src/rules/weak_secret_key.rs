//! DJS020 weak-secret-key (security.W009): SECRET_KEY is shorter than 50 characters, has fewer
//! than 5 distinct characters, or carries the `django-insecure-` prefix.

use crate::eval::value::{Kind, Value};

use super::context::{Context, Draft};
use super::django::secret_key_weaknesses;

const CONSEQUENCE: &str = "a guessable key lets an attacker forge sessions, password reset links and anything else Django signs";

pub fn check(ctx: &Context) -> Option<Draft> {
    // Never assigned: Django's default is '', which Django refuses to use (fail-closed).
    let value = ctx.setting("SECRET_KEY")?;
    if let Some(weaknesses) = weaknesses(&value) {
        let text = match &value.kind {
            Kind::Str(s) => s.to_string(),
            Kind::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        };
        let decided = ctx.supplied_by_deployment(&value.env, &text);
        let subject = if let Some((_, set)) = &decided {
            format!(
                "SECRET_KEY is weak in the deployment {}, which sets {set}",
                ctx.variant_label()
            )
        } else if value.env.is_empty() {
            "SECRET_KEY is weak".to_string()
        } else {
            format!(
                "SECRET_KEY falls back to a weak key {}",
                ctx.when(&value.env)
            )
        };
        let message = format!("{subject} ({}): {CONSEQUENCE}", weaknesses.join("; "));
        let scenario = ctx.scenario(&value.env);
        let (message, scenario) = match &decided {
            Some(_) => (super::mask(&message, &text), super::mask(&scenario, &text)),
            None => (message, scenario),
        };
        return Some(Draft {
            setting: Some("SECRET_KEY".into()),
            fix: None,
            span: decided.map_or(value.origin, |(span, _)| span),
            message,
            scenario,
            notes: ctx.deployment_notes(&value.env),
        });
    }
    if matches!(value.kind, Kind::Unknown(_)) {
        ctx.unresolved("SECRET_KEY", &value);
    }
    None
}

/// Why a key Django would use fails its check. An empty key (or None) is not weak but unusable:
/// Django raises ImproperlyConfigured wherever the key is read, so the deployment fails closed.
/// Keys from a required variable or a random source are not known, and not reported.
fn weaknesses(value: &Value) -> Option<Vec<String>> {
    secret_key_weaknesses(value).filter(|w| !w.is_empty() && w[0] != "empty")
}

#[cfg(test)]
mod tests {
    use super::weaknesses;
    use crate::eval::value::Value;
    use crate::source::{FileId, Span};

    fn weak(key: &str) -> bool {
        let at = Span {
            file: FileId(0),
            start: 0,
            end: 0,
        };
        weaknesses(&Value::str(key, at)).is_some()
    }

    #[test]
    fn django_thresholds() {
        let fifty = "abcde".repeat(10);
        assert!(!weak(&fifty));
        assert!(weak(&fifty[..49]));
        assert!(weak(&"abcd".repeat(15)));
        assert!(weak(&format!("django-insecure-{fifty}")));
        // Empty keys fail closed: Django refuses to use them.
        assert!(!weak(""));
    }
}
