//! The vocabulary Django's own deployment checks are written in: what MIDDLEWARE and
//! INSTALLED_APPS contain, and `is True`-style tests on effective settings.

use super::context::{Context, Draft, Effective};

/// The scenario of a finding about a setting left at Django's default.
pub const DEFAULT_SCENARIO: &str = "default";

pub const SECURITY_MIDDLEWARE: &str = "django.middleware.security.SecurityMiddleware";

/// Whether a list setting (MIDDLEWARE, INSTALLED_APPS) contains `item`, as Django tests it with
/// `in`. `None` when the list, or an entry that might be `item`, is unknown: a rule then says it
/// could not decide instead of guessing.
pub fn contains(ctx: &Context, setting: &str, item: &str) -> Option<bool> {
    let list = ctx.effective(setting)?.value;
    let Some(items) = list.items() else {
        ctx.unresolved(setting, &list);
        return None;
    };
    if items.iter().any(|i| i.as_str() == Some(item)) {
        return Some(true);
    }
    match items.iter().find(|i| i.is_unknown()) {
        Some(unknown) => {
            ctx.unresolved(setting, unknown);
            None
        }
        None => Some(false),
    }
}

/// A finding about a setting: at the value when the module assigns it, at the module's first
/// line when the module leaves it at Django's default (`default_note` says so).
pub fn at_setting(ctx: &Context, name: &str, setting: &Effective, message: String) -> Draft {
    let (span, notes) = if setting.assigned {
        (setting.value.origin, Vec::new())
    } else {
        (
            ctx.anchor(),
            vec![format!(
                "{name} is never assigned, so it has Django's default, {}",
                setting.value
            )],
        )
    };
    let scenario = if setting.assigned {
        super::context::unset_scenario(&setting.value.env)
    } else {
        DEFAULT_SCENARIO.into()
    };
    Draft {
        span,
        message,
        scenario,
        notes,
    }
}
