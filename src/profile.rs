//! Which deployment a settings module is for. Production findings are errors, staging findings
//! warnings, and development modules are not reported unless asked for.

use std::fmt;

use serde::Serialize;

use crate::deploy::{Deployment, Process, Role, SourceKind};

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
        // `e2etest`, `e2e_settings`: end-to-end tests.
        if let Some(rest) = part.to_ascii_lowercase().strip_prefix("e2e")
            && (rest.is_empty() || rest.starts_with("test"))
        {
            words.push("e2e".into());
        }
        // CamelCase words; a run of capitals is one word (`StagingCI`, `HTTPSettings`).
        let chars: Vec<char> = part.chars().collect();
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let previous = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let starts_word = c.is_ascii_uppercase()
                && previous.is_some_and(|p| {
                    p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
                });
            if starts_word && !current.is_empty() {
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

/// Words that name a test run: together with a production or staging word they still mean a test.
const TEST_RUN: &[&str] = &[
    "test",
    "tests",
    "testing",
    "e2e",
    "ci",
    "continuousintegration",
    "selenium",
    "cypress",
    "playwright",
];

/// The profile a name suggests, from its words: `settings_prod`, `production`, `dev.Dockerfile`.
pub fn profile_from_name(name: &str) -> Option<Profile> {
    let words = words(name);
    let has = |options: &[&str]| words.iter().any(|w| options.contains(&w.as_str()));
    let production = ["production", "prod", "live"];
    let staging = ["staging", "stage", "preprod", "preproduction", "uat", "qa"];
    // A test or CI run of the production setup (`production-ci`, `prod_test`,
    // `docker-compose.prod.test.yml`) is a test: it runs where tests run, not where users are.
    if has(TEST_RUN) && (has(&production) || has(&staging)) {
        return Some(Profile::Development);
    }
    // Names of a pre-production stage say `production` too: they are checked first.
    if has(&staging) {
        Some(Profile::Staging)
    } else if has(&production) {
        Some(Profile::Production)
    } else if has(&[
        "dev",
        "development",
        "local",
        "test",
        "tests",
        "testing",
        "e2e",
        "fuzz",
        // Browser-test setups.
        "selenium",
        "cypress",
        "playwright",
        "ci",
        "continuousintegration",
        // An environment for integration tests, deployed by CI.
        "integration",
        "devel",
        "develop",
        "sandbox",
        "build",
        "docs",
        "collectstatic",
        "vagrant",
    ]) {
        Some(Profile::Development)
    } else {
        None
    }
}

/// Whether the settings' own name says they are deployed: production or staging words, or
/// `deploy` (`every_election.settings.deploy`), and no test words.
fn names_deployed(settings: Option<&str>) -> bool {
    let Some(settings) = settings else {
        return false;
    };
    let own = settings.rsplit(['.', ':']).next().unwrap_or(settings);
    match profile_from_name(own) {
        Some(Profile::Production | Profile::Staging) => true,
        Some(Profile::Development) => false,
        None => words(own)
            .iter()
            .any(|w| matches!(w.as_str(), "deploy" | "deployed" | "deployment")),
    }
}

/// The profile of a deployment (one that runs, builds or tests the project), from what it runs,
/// then its file's and service's names, then the name of the settings it runs (`settings`:
/// `shop.settings.production`, `config.settings:Production`); `None` for what runs no Django at
/// all. `at` is the display location of the deployment (`Dockerfile:3`).
pub fn of_deployment(
    deployment: &Deployment,
    at: &str,
    repository: &std::path::Path,
    settings: Option<&str>,
) -> Option<Classified> {
    let classified = |profile, reason: String| Some(Classified { profile, reason });
    match deployment.role {
        Role::Fallback => return None,
        // A CI job that runs deployed settings (named for production, staging or deployment)
        // tests what is deployed: it does not make them development, and says nothing of them.
        Role::Test if deployment.kind == SourceKind::CiWorkflow && names_deployed(settings) => {
            return None;
        }
        Role::Test => {
            return classified(Profile::Development, format!("test configuration at {at}"));
        }
        Role::Build => return classified(Profile::Development, format!("a build step at {at}")),
        Role::Runs => {}
    }
    // A hosting platform sets the variable a server entry point tests to pick these settings.
    if deployment.kind == SourceKind::EntryPoint
        && let (Some(selector), Some(platform)) = (&deployment.selected_by, &deployment.name)
    {
        return classified(
            Profile::Production,
            format!(
                "{platform} sets {} in every process it runs, and {at} selects these settings then",
                selector.var
            ),
        );
    }
    let named = name_profile(deployment, repository);
    let command = deployment.command.as_ref();
    match command.map(|c| &c.process) {
        Some(Process::NotDjango(_)) => None,
        Some(Process::DevServer) => classified(
            Profile::Development,
            format!("runs the development server ({at})"),
        ),
        Some(Process::Tests) => classified(Profile::Development, format!("runs the tests ({at})")),
        Some(Process::Build(step)) => classified(
            Profile::Development,
            format!("runs `{step}` at build time ({at})"),
        ),
        // A server reloading on code changes is a developer's.
        Some(Process::Server(server)) if reloads(deployment) => classified(
            Profile::Development,
            format!("serves the project with {server} --reload ({at})"),
        ),
        // So is one running the checkout mounted over the image's code, unless its names say
        // where it is deployed.
        Some(Process::Server(server))
            if !matches!(named, Some((Profile::Production | Profile::Staging, _)))
                && let Some(mount) = &deployment.source_mount =>
        {
            classified(
                Profile::Development,
                format!(
                    "serves the project with {server} ({at}) from the checkout mounted at {}:{}",
                    crate::discover::display_path(&mount.file, repository),
                    mount.line
                ),
            )
        }
        // Settings named for a test run of the production setup (`settings.production-ci`):
        // a CI job serving them to test against, whatever the file is named.
        Some(Process::Server(server)) if let Some(word) = test_run_word(settings) => classified(
            Profile::Development,
            format!("serves the project with {server} ({at}), settings named for `{word}`"),
        ),
        Some(Process::Server(server)) => match named {
            // A server in a service or file named for development is a developer's container.
            Some((Profile::Development, word)) => classified(
                Profile::Development,
                format!("serves the project with {server} ({at}), named for `{word}`"),
            ),
            Some((Profile::Staging, word)) => classified(
                Profile::Staging,
                format!("serves the project with {server} ({at}), named for `{word}`"),
            ),
            _ => classified(
                Profile::Production,
                format!("serves the project with {server} ({at})"),
            ),
        },
        _ => match (named, settings_named(settings)) {
            (Some((profile, word)), _) => {
                classified(profile, format!("deployed by {at} (`{word}`)"))
            }
            // A worker or a one-off command runs what its settings are named for.
            (None, Some((profile, last))) => classified(
                profile,
                format!("deployed by {at}, settings named for `{last}`"),
            ),
            // A script of its own that only runs management commands (`regenerate.sh`:
            // `manage.py migrate`, `loaddata` sample data) is a developer's or maintainer's
            // tool: nothing says it runs where the site is served.
            (None, None)
                if deployment.kind == SourceKind::Shell
                    && !is_deploy_hook(&deployment.origin.file)
                    && matches!(command.map(|c| &c.process), Some(Process::Management(_))) =>
            {
                let Some(Process::Management(name)) = command.map(|c| &c.process) else {
                    return None;
                };
                classified(
                    Profile::Development,
                    format!("a script that runs `manage.py {name}` and no server ({at})"),
                )
            }
            (None, None) if let Some(mount) = &deployment.source_mount => classified(
                Profile::Development,
                format!(
                    "a compose service ({at}) running the checkout mounted at {}:{}",
                    crate::discover::display_path(&mount.file, repository),
                    mount.line
                ),
            ),
            // A bare compose file is as often a developer's setup as a deployment.
            (None, None) if deployment.kind == SourceKind::Compose => classified(
                Profile::Staging,
                format!("a compose service ({at}) not named for production"),
            ),
            (None, None) => classified(Profile::Production, format!("deployed by {at}")),
        },
    }
}

/// A script a platform runs while deploying (Heroku's `bin/post_compile`, a `release.sh`,
/// `deploy.sh`, `render-build.sh`): its management commands run against the deployed database.
fn is_deploy_hook(file: &std::path::Path) -> bool {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    [
        "compile",
        "release",
        "deploy",
        "render",
        "heroku",
        "fly",
        "predeploy",
        "postdeploy",
    ]
    .iter()
    .any(|word| name.contains(word))
}

/// The profile the last part of a settings name suggests (`production`, `Production`).
/// The test-run word in the last part of a settings name that also names production or staging
/// (`production-ci`): those settings exist to test the deployed setup.
fn test_run_word(settings: Option<&str>) -> Option<String> {
    let last = settings?.rsplit(['.', ':']).next()?;
    if profile_from_name(last) != Some(Profile::Development) {
        return None;
    }
    words(last)
        .into_iter()
        .find(|w| TEST_RUN.contains(&w.as_str()))
}

fn settings_named(settings: Option<&str>) -> Option<(Profile, &str)> {
    let last = settings?.rsplit(['.', ':']).next()?;
    profile_from_name(last).map(|profile| (profile, last))
}

/// Whether a deployment is a service of a compose file whose names say nothing, running
/// neither a server nor a development command: what such a file runs next to it tells more.
pub fn is_unnamed_compose_companion(deployment: &Deployment, repository: &std::path::Path) -> bool {
    deployment.kind == SourceKind::Compose
        && deployment.role == Role::Runs
        && name_profile(deployment, repository).is_none()
        && matches!(
            deployment.command.as_ref().map(|c| &c.process),
            Some(Process::Worker(_) | Process::Management(_) | Process::Unknown) | None
        )
}

/// Whether the names of a deployment's file, folders or service say production or staging.
pub fn names_a_deployed_environment(deployment: &Deployment, repository: &std::path::Path) -> bool {
    matches!(
        name_profile(deployment, repository),
        Some((Profile::Production | Profile::Staging, _))
    )
}

/// Whether the deployment's server restarts on code changes (`--reload`, `--py-autoreload`).
fn reloads(deployment: &Deployment) -> bool {
    deployment.command.as_ref().is_some_and(|c| {
        c.text
            .split_whitespace()
            .any(|w| w == "--reload" || w.starts_with("--py-autoreload") || w == "--autoreload")
    })
}

/// The profile the names of a deployment's file, folders and service suggest, with the word.
fn name_profile(
    deployment: &Deployment,
    repository: &std::path::Path,
) -> Option<(Profile, String)> {
    let mut names: Vec<String> = Vec::new();
    names.extend(deployment.name.clone());
    // The Dockerfile stage a compose service builds names what it runs (`target: prod`).
    names.extend(deployment.build_target.clone());
    let file = &deployment.origin.file;
    names.extend(file.file_name().map(|n| n.to_string_lossy().into_owned()));
    if let Some(found) = names
        .into_iter()
        .find_map(|name| profile_from_name(&name).map(|p| (p, name)))
    {
        return Some(found);
    }
    // `k8s/production/web.yaml`, `deploy/staging/app.yaml`: a folder of the repository named
    // for an environment, whole (a project folder called `docs-0037` or `devops` says nothing).
    let relative = file.strip_prefix(repository).unwrap_or(file);
    relative
        .parent()
        .into_iter()
        .flat_map(|p| p.components().rev().take(2))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .find_map(|folder| {
            // Vagrant provisioning (`vagrant/`, `vagrant_assets/`) is a developer's machine;
            // other words count only as a whole folder name.
            let lower = folder.to_ascii_lowercase();
            if lower.split(['_', '-', '.']).any(|part| part == "vagrant") {
                return Some((Profile::Development, folder));
            }
            // So are test setups (`test-environments/`, `e2e_stack/`): a test word is never part
            // of a production folder's name (`ci` is: `ci-cd/` holds what deploys).
            if lower.split(['_', '-', '.']).any(|part| {
                matches!(
                    part,
                    "test" | "tests" | "testing" | "e2e" | "selenium" | "cypress" | "playwright"
                )
            }) {
                return Some((Profile::Development, folder));
            }
            let profile = match lower.as_str() {
                "production" | "prod" | "live" => Profile::Production,
                "staging" | "stage" | "preprod" | "uat" | "qa" => Profile::Staging,
                "development" | "dev" | "local" | "vagrant" | "test" | "tests" | "ci" => {
                    Profile::Development
                }
                _ => return None,
            };
            Some((profile, folder))
        })
}

/// Classifies a module that no deployment decides by its name: `production`, `dev`, a test
/// package, a lone `settings`; otherwise it is assumed to be production.
pub fn classify(module: &str) -> Classified {
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
        assert_eq!(
            profile_from_name("settings.e2etest"),
            Some(Profile::Development)
        );
        assert_eq!(
            profile_from_name("e2e_settings"),
            Some(Profile::Development)
        );
        assert_eq!(profile_from_name("e2edge"), None);
        // A test or CI run of the production setup is a test.
        for name in [
            "tracker.settings.production-ci",
            "prod_test",
            "docker-compose.prod.test.yml",
            "settings:StagingCI",
        ] {
            assert_eq!(
                profile_from_name(name),
                Some(Profile::Development),
                "{name}"
            );
        }
        // Other development words beside `production` do not make it a test run.
        assert_eq!(
            profile_from_name("production-build"),
            Some(Profile::Production)
        );
        for name in [
            "fuzz",
            "docker-compose.selenium.yml",
            "playwright_settings",
            "Cypress",
        ] {
            assert_eq!(
                profile_from_name(name),
                Some(Profile::Development),
                "{name}"
            );
        }
    }

    #[test]
    fn deploy_hooks_are_not_developer_scripts() {
        for hook in [
            "bin/post_compile",
            "bin/render-compile.sh",
            "scripts/release.sh",
        ] {
            assert!(is_deploy_hook(std::path::Path::new(hook)), "{hook}");
        }
        assert!(!is_deploy_hook(std::path::Path::new("regenerate.sh")));
    }

    #[test]
    fn vagrant_and_test_setup_folders_are_development() {
        let repository = std::path::Path::new("/repo");
        let at = |path: &str| {
            Deployment::new(
                SourceKind::Shell,
                crate::deploy::Origin::new(&repository.join(path), 12),
                None,
                Role::Runs,
            )
        };
        let named = |path: &str| name_profile(&at(path), repository).map(|(p, _)| p);
        assert_eq!(
            named("vagrant_assets/create_initial_data.sh"),
            Some(Profile::Development)
        );
        assert_eq!(named("vagrant/provision.sh"), Some(Profile::Development));
        assert_eq!(
            named("scripts/test-environments/postgres/compose.yml"),
            Some(Profile::Development)
        );
        assert_eq!(named("e2e_stack/run.sh"), Some(Profile::Development));
        // Other environment words count only as a whole folder name.
        assert_eq!(named("ci-cd/deploy.sh"), None);
        assert_eq!(named("docs-0037/run.sh"), None);
        assert_eq!(named("scripts/run.sh"), None);
    }

    #[test]
    fn test_packages_are_development() {
        assert_eq!(classify("tests.settings").profile, Profile::Development);
        assert_eq!(
            classify("myapp.tests.settings").profile,
            Profile::Development
        );
        assert_eq!(classify("mysite.settings").profile, Profile::Production);
        assert_eq!(
            classify("dev.settings.production").profile,
            Profile::Production
        );
    }
}
