//! DJS014 referrer-policy-invalid (security.E023): SecurityMiddleware is on and
//! SECURE_REFERRER_POLICY holds a value that is not a referrer policy.

use crate::eval::value::{Kind, Value, python_repr};

use super::context::{Context, Draft};
use super::django::{SECURITY_MIDDLEWARE, at_setting, contains};

const NAME: &str = "SECURE_REFERRER_POLICY";

/// Django's REFERRER_POLICY_VALUES.
const VALID: &[&str] = &[
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
];

/// One policy of the setting: as Python shows it and whether it is valid, or unknown.
type Policy = Result<(String, bool), Value>;

pub fn check(ctx: &Context) -> Option<Draft> {
    if !contains(ctx, "MIDDLEWARE", SECURITY_MIDDLEWARE)? {
        return None;
    }
    let setting = ctx.effective(NAME)?;
    let value = &setting.value;
    let policies = match policies(value) {
        Some(policies) => policies,
        None if value.truthy().is_none() => {
            ctx.unresolved(NAME, value);
            return None;
        }
        // None is DJS013's (security.W022); for a number or a bool Django's check fails with a
        // TypeError, not security.E023.
        None => return None,
    };
    let mut invalid: Vec<&str> = Vec::new();
    for (shown, _) in policies.iter().flatten().filter(|(_, valid)| !valid) {
        if !invalid.contains(&shown.as_str()) {
            invalid.push(shown);
        }
    }
    let what = match invalid.split_last() {
        None => {
            // Every known policy is valid: undecided if one is unknown.
            if let Some(Err(unknown)) = policies.iter().find(|p| p.is_err()) {
                ctx.unresolved(NAME, unknown);
            }
            return None;
        }
        Some((one, [])) => format!("{one} is not a referrer policy"),
        Some((last, rest)) => format!("{} and {last} are not referrer policies", rest.join(", ")),
    };
    let them = if invalid.len() == 1 { "it" } else { "them" };
    let fallback = if policies.iter().any(|p| matches!(p, Ok((_, true)))) {
        "the last valid policy in the header"
    } else {
        "their own default policy"
    };
    let message =
        format!("{NAME} is {value}: {what}, so browsers ignore {them} and apply {fallback}");
    Some(at_setting(ctx, NAME, &setting, message))
}

/// What Django's check compares with the valid policies: the stripped comma-separated parts
/// of a string, the items of a list, tuple or set, the keys of a dict. `None` for a value that
/// is not one of those (None, a number, an unknown value).
fn policies(value: &Value) -> Option<Vec<Policy>> {
    fn item(item: &Value) -> Policy {
        if item.truthy().is_none() {
            return Err(item.clone());
        }
        let valid = item.as_str().is_some_and(|s| VALID.contains(&s));
        Ok((item.to_string(), valid))
    }
    Some(match &value.kind {
        Kind::Str(s) => s
            .split(',')
            .map(str::trim)
            .map(|part| Ok((python_repr(part), VALID.contains(&part))))
            .collect(),
        Kind::List(_) | Kind::Tuple(_) | Kind::Set(_) => value.items()?.iter().map(item).collect(),
        Kind::Dict(_) => value.pairs()?.iter().map(|(key, _)| item(key)).collect(),
        // Iterating bytes gives numbers, never policies.
        Kind::Bytes(bytes) => bytes.iter().map(|n| Ok((n.to_string(), false))).collect(),
        _ => return None,
    })
}
