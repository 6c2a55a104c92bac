//! DJS047 development-packages-in-production: production requirements install packages meant
//! for development only (django-debug-toolbar, django-extensions...).

use super::beyond_django::{at_requirement, production_requirements, requirement_location};
use super::context::{Context, Draft};

/// Development-only packages (PEP 503 names) and what they bring to a deployment. Werkzeug is
/// not one: production packages depend on it, and its debugger runs only when something starts
/// it (django-extensions' `runserver_plus`, listed here).
const DEV_PACKAGES: &[(&str, &str)] = &[
    (
        "django-debug-toolbar",
        "once in INSTALLED_APPS it shows settings, SQL queries, headers and templates to whoever its SHOW_TOOLBAR_CALLBACK lets in",
    ),
    (
        "django-extensions",
        "its `runserver_plus` command starts the Werkzeug debugger, which runs arbitrary Python for whoever reaches it",
    ),
    (
        "django-silk",
        "once enabled it records every request and response, bodies and SQL included, and serves them at its own URLs",
    ),
    (
        "django-browser-reload",
        "once enabled it keeps a connection open from every page to reload it when files change",
    ),
    (
        "django-livereload-server",
        "once enabled it injects a script into every page that connects to a development reload server",
    ),
    (
        "nplusone",
        "once enabled it profiles every query to detect N+1 patterns, and can raise or log on them",
    ),
];

pub fn check(ctx: &Context) -> Option<Draft> {
    let found: Vec<_> = production_requirements(ctx)
        .into_iter()
        .filter_map(|(file, requirement)| {
            DEV_PACKAGES
                .iter()
                .find(|(name, _)| requirement.name == *name)
                .map(|(_, what)| (file, requirement, *what))
        })
        .collect();
    let ((file, requirement, what), others) = found.split_first()?;
    let mut draft = at_requirement(
        ctx,
        file,
        requirement,
        format!(
            "production requirements install the development-only {}: {what}",
            requirement.name
        ),
    );
    for (file, requirement, _) in others {
        draft.notes.push(format!(
            "also {} at {}",
            requirement.name,
            requirement_location(ctx, file, requirement)
        ));
    }
    Some(draft)
}
