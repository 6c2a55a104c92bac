//! `djsafe deployments`: every way the repository runs Django, what each runs and with what
//! profile, as the lint decides it. What `djsafe check` lints follows from this list.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Serialize;

use crate::deploy::{Role, SourceKind};
use crate::discover::display_path;
use crate::exclude::Excludes;
use crate::profile::Profile;

use super::plan;
use super::secret_values::SecretValue;

/// One deployment, as `djsafe deployments` shows it.
#[derive(Serialize)]
pub struct Row {
    /// The file that describes it, relative and `/`-separated.
    pub source: String,
    pub line: usize,
    pub kind: SourceKind,
    /// The compose service, Procfile process, Kubernetes container... when the format names one.
    pub name: Option<String>,
    pub role: Role,
    pub command: Option<String>,
    /// The settings module it runs, when djsafe can tell.
    pub module: Option<String>,
    /// The django-configurations class, if any.
    pub class: Option<String>,
    /// `None` for an entry point default no deployment decides.
    pub profile: Option<Profile>,
    pub profile_reason: String,
    /// The environment it sets: a value, or null when it is set to something the repository
    /// does not show. Secrets are redacted (`<redacted>`, a URL's password as `****`): the
    /// findings point at them, the listing does not repeat them.
    pub env: BTreeMap<String, Option<String>>,
    /// The hosting platform that sets variables of its own in every process it runs (App Engine,
    /// Render, Platform.sh, Fly.io, Heroku): those are in `env` too, and the text listing names
    /// them once instead of listing each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The variables of `env` whose value is a secret, shown redacted.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub redacted: BTreeSet<String>,
    /// The variables of `env` the platform sets (not the repository).
    #[serde(skip)]
    pub platform_vars: BTreeSet<String>,
}

/// The deployments of the repositories `paths` name, in file order.
pub fn list(paths: &[PathBuf], excludes: &Excludes) -> Result<Vec<Row>, String> {
    let (_targets, discovery, mut project, display_root) =
        super::open_project(paths, excludes, false)?;
    let plan = plan::plan(&mut project, &discovery);
    let mut rows = Vec::new();
    for resolved in &plan.resolved {
        let deployment = resolved.deployment;
        // No profile: it runs no Django (a database service, a Flask application).
        if resolved.profile.is_none() {
            continue;
        }
        let module = resolved.module_name.clone();
        let (profile, mut reason) = match &resolved.profile {
            Some(classified) => (Some(classified.profile), classified.reason.clone()),
            None => (None, String::new()),
        };
        if let Some(default) = resolved.set_elsewhere {
            let what = match resolved.extended_by {
                Some(extension) => format!(
                    "the base that `{}` extends",
                    project.modules[extension].name
                ),
                None => "development settings".into(),
            };
            // With django-configurations, the default is a class (`settings:Development`).
            let default_name = match &resolved.class {
                Some(class) => format!("{}:{class}", project.modules[default].name),
                None => project.modules[default].name.clone(),
            };
            let variable = if resolved.class.is_some() {
                "DJANGO_CONFIGURATION"
            } else {
                "DJANGO_SETTINGS_MODULE"
            };
            reason.push_str(&format!(
                "; it must set {variable} outside the repository: its entry point's default, `{default_name}`, is {what}"
            ));
        } else if let Some(via) = &resolved.via {
            reason.push_str(&format!(
                "; its settings are the default of {}:{}",
                display_path(&via.file, &display_root),
                via.line
            ));
        }
        // A start script's server that runs the settings its management commands name.
        for note in deployment.notes.iter().filter(|n| {
            n.message
                .starts_with(crate::deploy::script::PLATFORM_SETTINGS_NOTE)
        }) {
            reason.push_str(&format!(
                "; {} ({}:{})",
                note.message,
                display_path(&note.origin.file, &display_root),
                note.origin.line
            ));
        }
        // A module that a build or start-up step copies into place.
        if let Some(module) = resolved.module
            && let Some(copy) = discovery
                .copies
                .iter()
                .find(|copy| project.sources.get(project.modules[module].file).path == copy.from)
        {
            reason.push_str(&format!(
                "; `{}` is {}, copied there by {}:{}",
                project.modules[module].name,
                display_path(&copy.from, &display_root),
                display_path(&copy.origin.file, &display_root),
                copy.origin.line
            ));
        }
        // Files its container mounts from a ConfigMap, which it runs instead of the checkout's.
        for mount in deployment.mounts.iter() {
            let Some(path) = &mount.repository_path else {
                continue;
            };
            reason.push_str(&format!(
                "; it mounts {} (`{}`) from the ConfigMap at {}:{}",
                mount.mount_path,
                display_path(path, &display_root),
                display_path(&mount.origin.file, &display_root),
                mount.origin.line
            ));
        }
        // Settings modules its image leaves out: they are missing in its container.
        if let Some(left_out) = &deployment.left_out {
            for module in &project.modules {
                let path = &project.sources.get(module.file).path;
                if let Some(line) = left_out.leaves_out(path) {
                    reason.push_str(&format!(
                        "; its image leaves out `{}` ({}:{line})",
                        module.name,
                        display_path(left_out.file(), &display_root),
                    ));
                }
            }
        }
        rows.push(row(
            deployment,
            &display_root,
            if resolved.set_elsewhere.is_some() {
                None
            } else {
                module
            },
            resolved.class.clone(),
            profile,
            reason,
        ));
    }
    // Entry point defaults: what runs when nothing sets the variable.
    for deployment in discovery
        .deployments
        .iter()
        .filter(|d| d.role == Role::Fallback)
    {
        let module = deployment.settings_module().map(|(m, _)| m.to_string());
        let class = deployment.configuration().map(|(c, _)| c.to_string());
        let unit = plan.units.iter().find(|u| {
            Some(project.modules[u.settings.module].name.as_str()) == module.as_deref()
                && (class.is_none() || u.settings.class == class)
        });
        let (profile, reason) = match unit {
            Some(unit) => {
                let unset = &unit.variants[0];
                (Some(unset.profile), unset.reason.clone())
            }
            None => (
                None,
                "a default no deployment uses, for settings djsafe does not lint on their own"
                    .into(),
            ),
        };
        rows.push(row(
            deployment,
            &display_root,
            module,
            class,
            profile,
            reason,
        ));
    }
    rows.sort_by(|a, b| (&a.source, a.line, &a.name).cmp(&(&b.source, b.line, &b.name)));
    Ok(rows)
}

fn row(
    deployment: &crate::deploy::Deployment,
    display_root: &std::path::Path,
    module: Option<String>,
    class: Option<String>,
    profile: Option<Profile>,
    profile_reason: String,
) -> Row {
    Row {
        source: display_path(&deployment.origin.file, display_root),
        line: deployment.origin.line,
        kind: deployment.kind,
        name: deployment.name.clone(),
        role: deployment.role,
        command: deployment.command.as_ref().map(|c| c.text.clone()),
        module,
        class,
        profile,
        profile_reason,
        env: deployment
            .env
            .iter()
            .map(|(name, var)| {
                let shown = var
                    .value
                    .literal()
                    .map(|value| super::secret_values::shown_value(name, value));
                (name.clone(), shown)
            })
            .collect(),
        redacted: deployment
            .env
            .iter()
            .filter(|(name, var)| {
                var.value
                    .literal()
                    .is_some_and(|value| SecretValue::classify(name, value).is_some())
            })
            .map(|(name, _)| name.clone())
            .collect(),
        platform: deployment.env.values().find_map(|var| match &var.value {
            crate::deploy::EnvValue::Unknown(reason) => {
                reason.strip_prefix(PLATFORM_SETS).map(str::to_string)
            }
            crate::deploy::EnvValue::Literal(_) => None,
        }),
        platform_vars: crate::deploy::platforms::set_by_platform(deployment),
    }
}

/// How [`crate::deploy::platforms::add_platform_env`] says a platform sets a variable.
const PLATFORM_SETS: &str = "set by ";

/// `{"version": 1, "deployments": [...]}`.
pub fn render_json(rows: &[Row]) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        version: u32,
        deployments: &'a [Row],
    }
    let mut out = serde_json::to_string_pretty(&Report {
        version: 1,
        deployments: rows,
    })
    .expect("the report serializes: strings and numbers");
    out.push('\n');
    out
}

/// One block per deployment: where, what it runs, its profile and why, its environment.
pub fn render_text(rows: &[Row]) -> String {
    if rows.is_empty() {
        return "No deployments found: no Dockerfile, compose file, Procfile, manifest or entry point that names Django settings.\n".into();
    }
    let mut out = String::new();
    for row in rows {
        let name = row
            .name
            .as_ref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let kind = serde_json::to_value(row.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let role = serde_json::to_value(row.role)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}:{}{name}  [{kind}, {role}]\n",
            row.source, row.line
        ));
        if let Some(command) = &row.command {
            out.push_str(&format!("  runs:     {command}\n"));
        }
        let settings = match (&row.module, &row.class) {
            (Some(module), Some(class)) => format!("{module}:{class}"),
            (Some(module), None) => module.clone(),
            (None, _) => "(not known from the repository)".into(),
        };
        out.push_str(&format!("  settings: {settings}\n"));
        match row.profile {
            Some(profile) => {
                out.push_str(&format!("  profile:  {profile} ({})\n", row.profile_reason))
            }
            None => out.push_str(&format!("  profile:  - ({})\n", row.profile_reason)),
        }
        let listed: Vec<(&String, &Option<String>)> = row
            .env
            .iter()
            .filter(|(k, _)| !row.platform_vars.contains(*k))
            .collect();
        if !listed.is_empty() || row.platform.is_some() {
            let mut vars: Vec<String> = listed
                .into_iter()
                .map(|(k, v)| match v {
                    // `<redacted>` is not a value the repository wrote: shown bare, as
                    // `<set outside the repository>` is.
                    Some(v) if row.redacted.contains(k) && v.starts_with('<') => format!("{k}={v}"),
                    Some(v) => format!("{k}={}", crate::eval::value::python_repr(v)),
                    None => format!("{k}=<set outside the repository>"),
                })
                .collect();
            if let Some(platform) = &row.platform {
                vars.push(format!("and what {platform} sets"));
            }
            out.push_str(&format!("  env:      {}\n", vars.join(", ")));
        }
        out.push('\n');
    }
    let deployed = rows
        .iter()
        .filter(|r| r.role == Role::Runs && r.profile.is_some_and(|p| p != Profile::Development))
        .count();
    out.push_str(&format!(
        "{} deployment{}, {deployed} of them deployed (production or staging).\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    ));
    out
}
