//! DJS035 development-apps-enabled: development-only apps in INSTALLED_APPS, or their
//! middleware in MIDDLEWARE, in a deployed settings module.

use crate::eval::value::Value;

use super::beyond_django::{at_value, is_development, location, string_items, when_unset};
use super::context::{Context, Draft};

/// Development-only packages (their app label's module) and what they do when deployed.
const DEV_PACKAGES: &[(&str, &str)] = &[
    (
        "debug_toolbar",
        "django-debug-toolbar shows settings, SQL queries, headers and templates to whoever its SHOW_TOOLBAR_CALLBACK lets in, and slows every request",
    ),
    (
        "django_extensions",
        "django-extensions adds development commands such as `runserver_plus`, whose Werkzeug debugger runs arbitrary Python for whoever reaches it",
    ),
    (
        "silk",
        "django-silk records every request and response, bodies and SQL included, and serves them at its own URLs",
    ),
    (
        "django_browser_reload",
        "django-browser-reload keeps a connection open from every page to reload it when files change",
    ),
    (
        "livereload",
        "django-livereload-server injects a script into every page that connects to a development reload server",
    ),
    (
        "nplusone",
        "nplusone profiles every query to detect N+1 patterns, and can raise or log on them",
    ),
];

/// The development package an INSTALLED_APPS or MIDDLEWARE entry belongs to: the package itself
/// or a dotted path inside it (`debug_toolbar.apps.DebugToolbarConfig`,
/// `debug_toolbar.middleware.DebugToolbarMiddleware`).
fn package_of(entry: &str) -> Option<&'static (&'static str, &'static str)> {
    DEV_PACKAGES.iter().find(|(package, _)| {
        entry == *package
            || entry
                .strip_prefix(package)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

pub fn check(ctx: &Context) -> Option<Draft> {
    if is_development(ctx) {
        return None;
    }
    let mut found: Vec<(&str, Value, &str)> = Vec::new();
    for setting in ["INSTALLED_APPS", "MIDDLEWARE"] {
        let Some(list) = ctx.setting(setting) else {
            continue;
        };
        for entry in string_items(ctx, setting, &list) {
            if let Some((_, what)) = package_of(entry.as_str().unwrap_or_default()) {
                found.push((setting, entry, what));
            }
        }
    }
    let ((setting, entry, what), others) = found.split_first()?;
    let mut draft = at_value(
        ctx,
        setting,
        entry,
        format!(
            "{setting} includes the development-only {entry}{} in a deployed settings module: {what}",
            when_unset(ctx, entry)
        ),
    );
    for (setting, other, _) in others {
        draft.notes.push(format!(
            "also {other} in {setting} at {}",
            location(ctx, other.origin)
        ));
    }
    Some(draft)
}
