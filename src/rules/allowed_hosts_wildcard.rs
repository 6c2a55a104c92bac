//! DJS002 allowed-hosts-wildcard: `'*'` in ALLOWED_HOSTS, literally or as an environment default.

use crate::eval::value::{Kind, Value};

use super::context::{Context, Draft};

pub fn check(ctx: &Context) -> Option<Draft> {
    // Never assigned: Django's default is an empty list, which check --deploy reports itself.
    let value = ctx.setting("ALLOWED_HOSTS")?;
    let wildcard = wildcard(ctx, &value)?;
    if let Some((span, set)) = ctx.decided_by_deployment(&wildcard.env) {
        return Some(Draft {
            setting: Some("ALLOWED_HOSTS".into()),
            fix: None,
            span,
            message: format!(
                "ALLOWED_HOSTS is {value} in the deployment {}: it sets {set}; the '*' wildcard accepts any Host header",
                ctx.variant_label()
            ),
            scenario: ctx.scenario(&wildcard.env),
            notes: Vec::new(),
        });
    }
    let how = if wildcard.env.is_empty() {
        format!("ALLOWED_HOSTS is {value}")
    } else {
        format!(
            "ALLOWED_HOSTS falls back to {value} {}",
            ctx.when(&wildcard.env)
        )
    };
    Some(Draft {
        setting: Some("ALLOWED_HOSTS".into()),
        fix: crate::fix::allowed_hosts_wildcard(ctx, wildcard.origin),
        span: wildcard.origin,
        message: format!("{how}: the '*' wildcard accepts any Host header"),
        scenario: ctx.scenario(&wildcard.env),
        notes: ctx.deployment_notes(&wildcard.env),
    })
}

/// The `'*'` entry, if any. A plain string counts too: Django iterates it character by character.
fn wildcard(ctx: &Context, value: &Value) -> Option<Value> {
    match &value.kind {
        Kind::Str(s) if s.contains('*') => Some(value.clone()),
        Kind::Unknown(_) => {
            ctx.unresolved("ALLOWED_HOSTS", value);
            None
        }
        _ => {
            let items = value.items()?;
            let found = items
                .iter()
                .find(|item| item.as_str() == Some("*"))
                .map(|item| item.clone().with_env(&value.env));
            if found.is_none()
                && let Some(unknown) = items.iter().find(|item| item.is_unknown())
            {
                ctx.unresolved("ALLOWED_HOSTS", unknown);
            }
            found
        }
    }
}
