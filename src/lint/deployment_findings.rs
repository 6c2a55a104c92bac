//! Findings about the deployments themselves rather than a settings module: secrets committed in
//! deployment files (DJS003 for Django's key, DJS033 for other credentials) and a server entry
//! point that falls back to development settings (DJS049).

use std::collections::BTreeSet;

use crate::deploy::{Deployment, Origin, Process, SourceKind};
use crate::finding::{Environment, Finding};
use crate::profile::Profile;
use crate::resolve::Project;
use crate::rules::registry::RuleMeta;
use crate::source::Span;
use crate::targets::Targets;

use super::plan::{Plan, deployment_label};
use super::secret_values::SecretValue;
use super::{Options, severity};

pub(super) fn check(
    project: &mut Project,
    plan: &Plan,
    options: &Options,
    targets: &Targets,
) -> Vec<Finding> {
    let mut findings = development_fallbacks(project, plan, options, targets);
    findings.extend(secrets(project, plan, options, targets));
    findings
}

/// The span of a line of a file that is not Python (a deployment file), loaded into the source
/// map so reports can show it.
fn line_span(project: &mut Project, origin: &Origin) -> Option<Span> {
    let id = project.load_text_file(&origin.file)?;
    let source = project.sources.get(id);
    let start = source.line_start(origin.line);
    Some(Span {
        file: id,
        start,
        end: start + source.line_text(origin.line).len(),
    })
}

fn rule<'o>(options: &'o Options, id: &str) -> Option<&'o &'static RuleMeta> {
    options.rules.iter().find(|r| r.id == id)
}

/// DJS049: a server entry point that falls back to development settings while the deployments
/// name others, reported at the entry point's default.
fn development_fallbacks(
    project: &mut Project,
    plan: &Plan,
    options: &Options,
    targets: &Targets,
) -> Vec<Finding> {
    let Some(rule) = options.rules.iter().find(|r| r.id == "DJS049") else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    for fallback in &plan.development_fallbacks {
        let file = &fallback.origin.file;
        if !targets.selects(&[file.as_path()]) {
            continue;
        }
        let Some(id) = project.load_text_file(file) else {
            continue;
        };
        let source = project.sources.get(id);
        let start = source.line_start(fallback.origin.line);
        let span = Span {
            file: id,
            start,
            end: start + source.line_text(fallback.origin.line).len(),
        };
        findings.push(Finding {
            rule,
            module: fallback.module.clone(),
            profile: Profile::Production,
            severity: severity(rule, Profile::Production, options.strict_staging),
            span,
            message: format!(
                "a server started without DJANGO_SETTINGS_MODULE runs the development settings `{}`: the deployments ({}) name other settings, but a process that misses the variable gets this default",
                fallback.module,
                fallback.deployments.join(", ")
            ),
            scenario: "DJANGO_SETTINGS_MODULE unset".into(),
            environment: None,
            chain: Vec::new(),
            notes: Vec::new(),
            setting: Some("DJANGO_SETTINGS_MODULE".into()),
            fix: None,
        });
    }
    findings
}

/// Literal secrets a deployment that is not development sets: its Django key (DJS003) and other
/// credentials (DJS033), at the line that sets them. A service that runs no Django (the
/// database of a production compose file) takes the profile of the file's other services.
fn secrets(
    project: &mut Project,
    plan: &Plan,
    options: &Options,
    targets: &Targets,
) -> Vec<Finding> {
    let key_rule = rule(options, "DJS003");
    let credential_rule = rule(options, "DJS033");
    if key_rule.is_none() && credential_rule.is_none() {
        return Vec::new();
    }
    let display_root = project.display_root().to_path_buf();
    let mut seen: BTreeSet<(Span, &str)> = BTreeSet::new();
    let mut findings = Vec::new();
    for resolved in &plan.resolved {
        let deployment = resolved.deployment;
        let Some(profile) = deployment_profile(plan, deployment) else {
            continue;
        };
        if profile == Profile::Development && !options.report_development {
            continue;
        }
        for (name, var) in &deployment.env {
            let Some(value) = var.value.literal() else {
                continue;
            };
            let Some((rule, what)) = secret(name, value, key_rule, credential_rule) else {
                continue;
            };
            if !targets.selects(&[var.origin.file.as_path()]) {
                continue;
            }
            // A value from a file kept for development (`env.d/development/common`,
            // `.env.dev`) is a developer's, whichever service reads it.
            if !options.report_development && named_for_development(&var.origin.file, &display_root)
            {
                continue;
            }
            let Some(span) = line_span(project, &var.origin) else {
                continue;
            };
            if !seen.insert((span, rule.id.as_str())) {
                continue;
            }
            let label = deployment_label(deployment, &display_root);
            findings.push(Finding {
                rule,
                module: resolved
                    .module_name
                    .clone()
                    .unwrap_or_else(|| label.clone()),
                profile,
                severity: severity(rule, profile, options.strict_staging),
                span,
                message: format!(
                    "the deployment {label} sets {what} in a committed file: anyone who can read the repository (or the image built from it) has it"
                ),
                scenario: "always".into(),
                environment: Some(Environment::Deployment(label)),
                chain: Vec::new(),
                notes: Vec::new(),
                setting: Some(name.to_string()),
                fix: None,
            });
        }
    }
    findings
}

/// A committed dotenv file that a settings module loads (`environ.Env.read_env`, decouple's
/// `.env`) in an environment with this profile.
pub(super) struct LoadedDotenv {
    pub file: std::path::PathBuf,
    pub module: String,
    pub profile: Profile,
}

/// The committed dotenv files a unit's evaluation in one environment loaded.
pub(super) fn dotenv_loaded(
    evaluation: &crate::eval::Evaluation,
    module: &str,
    profile: Profile,
) -> impl Iterator<Item = LoadedDotenv> {
    evaluation.dotenv.keys().map(move |file| LoadedDotenv {
        file: file.clone(),
        module: module.to_string(),
        profile,
    })
}

/// Literal secrets in committed dotenv files the settings load where they are deployed: each
/// reported once, at its line, with the most exposed profile of the modules that load it.
/// Templates (`.env.example`) are documentation, never loaded as configuration.
pub(super) fn dotenv_secrets(
    project: &mut Project,
    loaded: Vec<LoadedDotenv>,
    options: &Options,
    targets: &Targets,
) -> Vec<Finding> {
    let key_rule = rule(options, "DJS003");
    let credential_rule = rule(options, "DJS033");
    let mut by_file: std::collections::BTreeMap<std::path::PathBuf, (Profile, String)> =
        std::collections::BTreeMap::new();
    for load in loaded {
        let entry = by_file
            .entry(load.file)
            .or_insert((load.profile, load.module.clone()));
        if load.profile > entry.0 || (load.profile == entry.0 && load.module < entry.1) {
            *entry = (load.profile, load.module);
        }
    }
    let display_root = project.display_root().to_path_buf();
    let mut findings = Vec::new();
    for (file, (profile, module)) in by_file {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if crate::deploy::dotenv::classify_name(name)
            == Some(crate::deploy::dotenv::DotenvName::Template)
            || !targets.selects(&[file.as_path()])
        {
            continue;
        }
        let Some(id) = project.load_text_file(&file) else {
            continue;
        };
        let shown = crate::discover::display_path(&file, &display_root);
        let entries = crate::deploy::dotenv::parse(project.sources.get(id).text());
        for entry in entries {
            let Some(value) = entry.value.literal() else {
                continue;
            };
            let Some((rule, what)) = secret(&entry.key, value, key_rule, credential_rule) else {
                continue;
            };
            let Some(span) = line_span(project, &Origin::new(&file, entry.line)) else {
                continue;
            };
            findings.push(Finding {
                rule,
                module: module.clone(),
                profile,
                severity: severity(rule, profile, options.strict_staging),
                span,
                message: format!(
                    "{shown}, which `{module}` loads, sets {what} in a committed file: anyone who can read the repository has it"
                ),
                scenario: "always".into(),
                environment: None,
                chain: Vec::new(),
                notes: Vec::new(),
                setting: Some(entry.key.clone()),
                fix: None,
            });
        }
    }
    findings
}

/// Whether a file's name, or a folder of its path below the repository, is named for
/// development (`env.d/development/common`, `docker/dev/.env`, `.env.local`).
fn named_for_development(file: &std::path::Path, root: &std::path::Path) -> bool {
    let relative = file.strip_prefix(root).unwrap_or(file);
    let folder_says = relative
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .any(|c| {
            matches!(
                c.as_os_str()
                    .to_string_lossy()
                    .to_ascii_lowercase()
                    .as_str(),
                "development" | "dev" | "local" | "test" | "tests" | "ci"
            )
        });
    let name_says = file
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| crate::profile::profile_from_name(n) == Some(Profile::Development));
    folder_says || name_says
}

/// The profile a deployment's secrets are reported with: that of the most exposed deployment of
/// the same file that runs Django (its own among them). The services of one compose file share
/// their credentials (the database's password is the web service's), so one literal is not
/// reported in the database service and hidden in the web service next to it. A file whose
/// services run no Django takes the most exposed profile of its services.
fn deployment_profile(plan: &Plan, deployment: &Deployment) -> Option<Profile> {
    let own = plan
        .resolved
        .iter()
        .find(|r| std::ptr::eq(r.deployment, deployment))
        .and_then(|r| r.profile.as_ref())
        .map(|p| p.profile);
    let runs_no_django = deployment
        .command
        .as_ref()
        .is_some_and(|c| matches!(c.process, Process::NotDjango(_)));
    if own.is_some() && !runs_no_django && deployment.kind != SourceKind::Compose {
        return own;
    }
    let same_file = || {
        plan.resolved
            .iter()
            .filter(|r| r.deployment.origin.file == deployment.origin.file)
    };
    // The services of the file that run Django say what the file is for; a keycloak or crowdin
    // image next to them, whose profile only says the file is not named, does not.
    let runs_django = |r: &&super::plan::Resolved| {
        r.module_name.is_some()
            || r.deployment
                .command
                .as_ref()
                .is_some_and(|c| !matches!(c.process, Process::NotDjango(_) | Process::Unknown))
    };
    same_file()
        .filter(runs_django)
        .filter_map(|r| r.profile.as_ref().map(|p| p.profile))
        .chain(own.filter(|_| !runs_no_django))
        .max()
        .or_else(|| {
            same_file()
                .filter_map(|r| r.profile.as_ref().map(|p| p.profile))
                .max()
        })
}

/// Which rule a variable a deployment sets falls under, and how to say what it is: Django's
/// `SECRET_KEY` (by the names deployments give it) for DJS003, a credential otherwise (DJS033).
fn secret<'r>(
    name: &str,
    value: &str,
    key_rule: Option<&'r &'static RuleMeta>,
    credential_rule: Option<&'r &'static RuleMeta>,
) -> Option<(&'static RuleMeta, String)> {
    let secret = SecretValue::classify(name, value)?;
    let rule = match secret {
        SecretValue::DjangoKey => key_rule?,
        _ => credential_rule?,
    };
    Some((rule, secret.describe(name)))
}
