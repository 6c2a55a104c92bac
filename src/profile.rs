//! Which deployment a settings module is for. Production findings are errors, staging findings
//! warnings, and development modules are not reported unless asked for.

use std::fmt;

use serde::Serialize;

use crate::deploy::{Deployment, SourceKind};

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    Development,
    Staging,
    Production,
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Profile::Development => "development",
            Profile::Staging => "staging",
            Profile::Production => "production",
        })
    }
}

#[derive(Clone, Debug)]
pub struct Classified {
    pub profile: Profile,
    pub reason: String,
}

/// The lower-case words of a name: split at punctuation and at case changes (`PreProduction`
/// gives `pre`, `production`), plus each part whole (`preproduction`).
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        words.push(part.to_ascii_lowercase());
        let mut current = String::new();
        for (i, c) in part.char_indices() {
            if c.is_ascii_uppercase() && i > 0 && !current.is_empty() {
                words.push(std::mem::take(&mut current).to_ascii_lowercase());
            }
            current.push(c);
        }
        if current.len() < part.len() {
            words.push(current.to_ascii_lowercase());
        }
    }
    words
}

/// The profile a name suggests, from its words: `settings_prod`, `production`, `dev.Dockerfile`.
pub fn profile_from_name(name: &str) -> Option<Profile> {
    let words = words(name);
    let has = |options: &[&str]| words.iter().any(|w| options.contains(&w.as_str()));
    // Names of a pre-production stage say `production` too: they are checked first.
    if has(&["staging", "stage", "preprod", "preproduction", "uat", "qa"]) {
        Some(Profile::Staging)
    } else if has(&["production", "prod", "live"]) {
        Some(Profile::Production)
    } else if has(&[
        "dev",
        "development",
        "local",
        "test",
        "tests",
        "testing",
        "ci",
        "continuousintegration",
    ]) {
        Some(Profile::Development)
    } else {
        None
    }
}

/// The profile a deployment that names a module implies, if any: what a server loads by default
/// and what a production Dockerfile sets are production; a Dockerfile or compose file whose name
/// says dev or staging is still deployed somewhere, so staging; `manage.py` says nothing.
fn profile_from_deployment(deployment: &Deployment) -> Option<Profile> {
    let file_name = deployment.origin.file.file_name()?.to_string_lossy();
    match deployment.kind {
        SourceKind::EntryPoint if file_name == "manage.py" => None,
        SourceKind::EntryPoint => Some(Profile::Production),
        SourceKind::Dockerfile | SourceKind::Compose => match profile_from_name(&file_name) {
            Some(Profile::Production) => Some(Profile::Production),
            Some(_) => Some(Profile::Staging),
            None if deployment.kind == SourceKind::Dockerfile => Some(Profile::Production),
            None => Some(Profile::Staging),
        },
        _ => None,
    }
}

/// Classifies a module from the deployments that name it (the most exposed one wins), then its
/// name. `deployments` are those naming this module, each with the display location of the line
/// that names it (`Dockerfile:3`).
pub fn classify(module: &str, deployments: &[(&Deployment, String)]) -> Classified {
    // The most exposed profile wins; among equals, a deployment file says more than a default.
    let mut implied: Vec<(Profile, bool, &String)> = deployments
        .iter()
        .filter_map(|(d, at)| {
            Some((
                profile_from_deployment(d)?,
                d.kind != SourceKind::EntryPoint,
                at,
            ))
        })
        .collect();
    implied.sort_by_key(|i| std::cmp::Reverse((i.0, i.1)));
    if let Some((profile, _, at)) = implied.first() {
        let mut reason = format!("named by DJANGO_SETTINGS_MODULE in {at}");
        let others: Vec<&str> = implied[1..]
            .iter()
            .filter(|i| i.0 == *profile)
            .map(|i| i.2.as_str())
            .collect();
        if !others.is_empty() {
            reason.push_str(&format!(" (and {})", others.join(", ")));
        }
        return Classified {
            profile: *profile,
            reason,
        };
    }
    let last = module.rsplit('.').next().unwrap_or(module);
    if let Some(profile) = profile_from_name(last) {
        return Classified {
            profile,
            reason: format!("module name `{last}`"),
        };
    }
    // `tests.settings`, `myapp.tests.settings`: settings of a test suite.
    let packages: Vec<&str> = module.split('.').collect();
    if let Some(package) = packages[..packages.len() - 1]
        .iter()
        .find(|p| profile_from_name(p) == Some(Profile::Development))
    {
        return Classified {
            profile: Profile::Development,
            reason: format!("package `{package}`"),
        };
    }
    if last == "settings" {
        return Classified {
            profile: Profile::Production,
            reason: "a lone `settings` module is what the project deploys".into(),
        };
    }
    Classified {
        profile: Profile::Production,
        reason: "no deployment file names it and its name does not tell; assumed production".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_classify_by_their_words() {
        assert_eq!(
            profile_from_name("settings_prod"),
            Some(Profile::Production)
        );
        assert_eq!(profile_from_name("staging"), Some(Profile::Staging));
        assert_eq!(profile_from_name("local"), Some(Profile::Development));
        assert_eq!(
            profile_from_name("dev.Dockerfile"),
            Some(Profile::Development)
        );
        assert_eq!(profile_from_name("product"), None);
        assert_eq!(profile_from_name("common"), None);
        assert_eq!(
            profile_from_name("settings:PreProduction"),
            Some(Profile::Staging)
        );
        assert_eq!(
            profile_from_name("settings:ContinuousIntegration"),
            Some(Profile::Development)
        );
        assert_eq!(
            profile_from_name("ProductionSettings"),
            Some(Profile::Production)
        );
        assert_eq!(profile_from_name("LocalDev"), Some(Profile::Development));
    }

    #[test]
    fn test_packages_are_development() {
        assert_eq!(
            classify("tests.settings", &[]).profile,
            Profile::Development
        );
        assert_eq!(
            classify("myapp.tests.settings", &[]).profile,
            Profile::Development
        );
        assert_eq!(
            classify("mysite.settings", &[]).profile,
            Profile::Production
        );
        assert_eq!(
            classify("dev.settings.production", &[]).profile,
            Profile::Production
        );
    }
}
