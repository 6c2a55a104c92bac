//! Helpers shared by the rules that go beyond Django's own checks (DJS030–DJS049): saying how a
//! value came about, pointing at it, and reading the settings of third-party packages.

use crate::dependencies::DependencyFile;
use crate::eval::value::{Kind, Value};
use crate::profile::Profile;
use crate::requirements::Requirement;
use crate::source::Span;

use super::context::{Context, Draft};

/// `NAME is VALUE`, or `NAME is VALUE when `X` is unset` for a value that depends on the
/// environment (a fallback, or a branch on a variable).
pub fn describe(ctx: &Context, name: &str, value: &Value) -> String {
    format!("{name} is {value}{}", when_unset(ctx, value))
}

/// ` when `X` is unset` for a value that depends on the environment, else nothing.
pub fn when_unset(ctx: &Context, value: &Value) -> String {
    let when = ctx.when(&value.env);
    if when.is_empty() {
        when
    } else {
        format!(" {when}")
    }
}

/// A finding about `setting` at the expression that produced `value`, in the scenario where it
/// holds.
pub fn at_value(ctx: &Context, setting: &str, value: &Value, message: String) -> Draft {
    Draft {
        span: value.origin,
        message,
        scenario: ctx.scenario(&value.env),
        notes: ctx.deployment_notes(&value.env),
        setting: Some(setting.to_string()),
        fix: None,
    }
}

/// `file:line` of a span, for notes that mention other sites.
pub fn location(ctx: &Context, span: Span) -> String {
    let file = ctx.project.sources.get(span.file);
    format!("{}:{}", file.display, file.position(span.start).line)
}

/// Development modules are reported only on request, as notes: a rule about development
/// conveniences left on in a deployment has nothing to say about them.
pub fn is_development(ctx: &Context) -> bool {
    ctx.profile == Profile::Development
}

/// A setting that is truthy with every variable unset, the way a package tests it with `if`.
/// `None` when the module never assigns it, when it is falsy, and when it is unknown (then with
/// a diagnostic).
pub fn truthy_setting(ctx: &Context, name: &str) -> Option<Value> {
    let value = ctx.setting(name)?;
    match value.truthy() {
        Some(true) => Some(value),
        Some(false) => None,
        None => {
            ctx.unresolved(name, &value);
            None
        }
    }
}

/// A setting of a package that reads it as `getattr(settings, NAME, getattr(settings, LEGACY,
/// default))`, as django-cors-headers does: the current name wins whenever it is assigned, the
/// legacy name counts only when it is not. Returns the name that decides and its value.
pub fn with_legacy<'n>(ctx: &Context, name: &'n str, legacy: &'n str) -> Option<(&'n str, Value)> {
    match ctx.setting(name) {
        Some(value) => Some((name, value)),
        None => ctx.setting(legacy).map(|value| (legacy, value)),
    }
}

/// The string items of a list setting, each with the list's environment dependencies. Unknown
/// items (and an unknown list) are reported as unresolved and skipped; `None` for a value that is
/// neither a sequence nor unknown.
pub fn string_items(ctx: &Context, name: &str, value: &Value) -> Vec<Value> {
    let Some(items) = value.items() else {
        if value.is_unknown() {
            ctx.unresolved(name, value);
        }
        return Vec::new();
    };
    let mut strings = Vec::new();
    for item in items {
        match &item.kind {
            Kind::Str(_) => strings.push(item.clone().with_env(&value.env)),
            _ if item.is_unknown() => ctx.unresolved(name, &item),
            _ => {}
        }
    }
    strings
}

/// What production installs, for the requirements rules (DJS046, DJS047): each requirement of
/// a production dependency file, in file order. Empty for modules that are not production, and
/// for projects without a production requirements file or extra (nothing says what production
/// installs then).
pub fn production_requirements<'c>(ctx: &'c Context) -> Vec<(&'c DependencyFile, &'c Requirement)> {
    if ctx.profile != Profile::Production {
        return Vec::new();
    }
    ctx.dependencies
        .iter()
        .filter(|file| file.production)
        .flat_map(|file| file.requirements.iter().map(move |r| (file, r)))
        .collect()
}

/// A finding at a requirement line, saying why its file counts as production.
pub fn at_requirement(
    ctx: &Context,
    file: &DependencyFile,
    requirement: &Requirement,
    message: String,
) -> Draft {
    let sources = &ctx.project.sources;
    let shown = &sources.get(file.file).display;
    let why = match file.included_by {
        Some(by) => format!(
            "{shown} is installed in production: {} includes it with -r",
            sources.get(by).display
        ),
        None if shown.ends_with("pyproject.toml") => format!(
            "{shown} has a production extra, which installs its dependencies and the extra's"
        ),
        None => format!("{shown} is a production requirements file, by its name"),
    };
    Draft {
        span: Span {
            file: file.file,
            start: requirement.start,
            end: requirement.end,
        },
        message,
        scenario: "always".into(),
        notes: vec![why],
        setting: None,
        fix: None,
    }
}

/// `file:line` of a requirement, for notes that mention other sites.
pub fn requirement_location(
    ctx: &Context,
    file: &DependencyFile,
    requirement: &Requirement,
) -> String {
    format!(
        "{}:{}",
        ctx.project.sources.get(file.file).display,
        requirement.line
    )
}

/// Whether a string is a template for a value rather than the value: `<password>`, `${VAR}`,
/// `$VAR`, `{{ var }}`, `%(var)s`, `{var}`. Such a string cannot authenticate, so credential
/// rules ignore it; anything else, however dummy it looks (`changeme`), can once deployed.
pub fn is_placeholder(s: &str) -> bool {
    let s = s.trim();
    let wrapped = |open: &str, close: &str| {
        s.len() > open.len() + close.len() && s.starts_with(open) && s.ends_with(close)
    };
    let env_name =
        |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    wrapped("<", ">")
        || wrapped("${", "}")
        || wrapped("{{", "}}")
        || (wrapped("%(", ")s") && env_name(&s[2..s.len() - 2]))
        || (wrapped("{", "}") && env_name(&s[1..s.len() - 1]))
        || s.strip_prefix('$').is_some_and(env_name)
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn placeholders_are_templates_only() {
        for template in [
            "<password>",
            "${DB_PASSWORD}",
            "$DB_PASSWORD",
            "{{ db_password }}",
        ] {
            assert!(is_placeholder(template), "{template}");
        }
        for template in ["%(password)s", "{password}"] {
            assert!(is_placeholder(template), "{template}");
        }
        for secret in ["changeme", "password", "$ecret!", "<3cats", "{}", "x"] {
            assert!(!is_placeholder(secret), "{secret}");
        }
    }
}
