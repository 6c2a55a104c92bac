//! SILENCED_SYSTEM_CHECKS: a project that lists one of Django's check ids there has acknowledged
//! what that check says, on purpose (richie silences `security.W019` to frame its admin pages),
//! and Django's own `check --deploy` is silent about it. A rule mirroring that check is then not
//! reported for the settings, in the environments where the list is known to hold the id. A list
//! djsafe cannot read, or unknown items in it, silence nothing: unknown is not a permission.

use super::context::Context;
use super::django::sessions_in_use;
use super::registry::RuleMeta;

/// The Django check id `rule` mirrors, when the settings' SILENCED_SYSTEM_CHECKS (as `ctx`'s
/// environment has it) holds it.
pub fn silenced_check(rule: &'static RuleMeta, ctx: &Context) -> Option<String> {
    if rule.django_check.is_empty() {
        return None;
    }
    // Never assigned: Django's default, an empty list.
    let silenced = ctx.setting("SILENCED_SYSTEM_CHECKS")?;
    let items = silenced.items()?;
    let listed = |id: &str| items.iter().any(|item| item.as_str() == Some(id));
    if !rule.django_check.iter().any(|id| listed(id)) {
        return None;
    }
    let check = match rule.django_check.as_slice() {
        [only] => only.clone(),
        // The session cookie rules (DJS023, DJS024): Django reports one of three ids, by what
        // puts the session cookie in use.
        [app, middleware, both] => sessions_in_use(ctx)?
            .django_check([app.as_str(), middleware.as_str(), both.as_str()])
            .to_string(),
        _ => return None,
    };
    listed(&check).then_some(check)
}

/// For a finding of `rule` reported although SILENCED_SYSTEM_CHECKS may list its check: a note
/// saying what djsafe could not read there.
pub fn unknown_note(rule: &RuleMeta, ctx: &Context) -> Option<String> {
    let [first, ..] = rule.django_check.as_slice() else {
        return None;
    };
    let silenced = ctx.setting("SILENCED_SYSTEM_CHECKS")?;
    let unknown = match silenced.items() {
        Some(items) => items.into_iter().find(|item| item.as_str().is_none())?,
        None => silenced,
    };
    let reason = unknown
        .unknown_reason()
        .map_or_else(|| format!("it holds {unknown}"), |r| r.to_string());
    let checks = if rule.django_check.len() == 1 {
        first.clone()
    } else {
        rule.django_check.join("/")
    };
    Some(format!(
        "djsafe cannot tell whether SILENCED_SYSTEM_CHECKS silences {checks}: {reason}"
    ))
}

#[cfg(test)]
mod tests {
    /// `silenced_check` reads a three-id family as the session cookie checks: only those rules
    /// may have three ids, in that order (app alone, middleware alone, both).
    #[test]
    fn three_id_rules_are_the_session_cookie_rules() {
        for rule in super::super::registry::all() {
            match rule.django_check.len() {
                0 | 1 => {}
                3 => assert!(
                    matches!(rule.id.as_str(), "DJS023" | "DJS024"),
                    "{} mirrors three checks: teach silenced_check which applies",
                    rule.id
                ),
                _ => panic!(
                    "{} mirrors {} checks: teach silenced_check which applies",
                    rule.id,
                    rule.django_check.len()
                ),
            }
        }
    }
}
