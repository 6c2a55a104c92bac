//! The environments a settings module is linted under beyond its deployments' ("probed"): each
//! value its code compares a variable with that names a profile (`DJANGO_ENV == 'production'`),
//! a debug switch turned off (`DEBUG.lower() == 'false'`), a platform's variable it reads, and a
//! switch named for where it runs (`ON_HEROKU`).

use std::collections::BTreeMap;

use crate::finding::Environment;
use crate::profile::{self, Profile};
use crate::rules::context::{Context, VariantVar};

use super::{Options, Variant, Work};

/// The environments a module's code names, where it is deployed (or may be): not for a
/// developer's settings, nor for a module no deployment of its project runs.
pub(super) fn probed_of(options: &Options, work: &Work, unset: &Context) -> Vec<Variant> {
    let deployed = work
        .variants
        .iter()
        .any(|v| v.profile != Profile::Development);
    if deployed {
        probed_variants(options, &work.name, unset, &work.variants)
    } else {
        Vec::new()
    }
}

/// A variable named for Django's debug mode: `DEBUG`, `DJANGO_DEBUG`, `APP_DEBUG`.
fn is_debug_switch(var: &str) -> bool {
    var.to_ascii_uppercase()
        .split('_')
        .any(|word| word == "DEBUG")
}

/// How a switch is turned off: `'false'`, `'0'`, `'no'`, `'off'` in any case.
fn is_off_spelling(literal: &str) -> bool {
    matches!(
        literal.to_ascii_lowercase().as_str(),
        "false" | "0" | "no" | "off"
    )
}

fn probed_variants(
    options: &Options,
    unit: &str,
    unset: &Context,
    variants: &[Variant],
) -> Vec<Variant> {
    let evaluation = unset.baseline();
    let mut probed = Vec::new();
    for (var, literals) in &evaluation.compared {
        if options.env.contains_key(&**var) {
            continue;
        }
        for literal in literals {
            // A value naming a profile (`DJANGO_ENV == 'production'`) runs as that profile. A
            // debug switch compared with its "off" spelling (`DEBUG.lower() == 'false'`) is what
            // every deployment turning debugging off sets, so the branch it takes is deployed:
            // probed with the unit's profile. Other switches turned off (`HTTPS='off'`) and "on"
            // spellings are a deployer's or developer's explicit choice.
            let Some(profile) = profile::profile_from_name(literal).or_else(|| {
                (is_debug_switch(var) && is_off_spelling(literal)).then_some(unset.profile)
            }) else {
                continue;
            };
            let already = variants.iter().any(|v| {
                v.env
                    .get(&**var)
                    .is_some_and(|s| s.value.as_deref() == Some(&**literal))
            });
            if already {
                continue;
            }
            let profile = options.profiles.get(unit).copied().unwrap_or(profile);
            let label = format!("{var}={}", crate::eval::value::python_repr(literal));
            probed.push(Variant {
                environment: Some(Environment::Probed(label.clone())),
                env: BTreeMap::from([(
                    var.to_string(),
                    VariantVar {
                        value: Some(literal.to_string()),
                        file: None,
                        line: 0,
                        source: None,
                    },
                )]),
                reason: format!(
                    "the settings compare `{var}` with {}",
                    crate::eval::value::python_repr(literal)
                ),
                label,
                profile,
                serves_http: true,
            });
        }
    }
    // Branches on the variables hosting platforms set: what runs there.
    for var in &evaluation.read {
        let Some((platform, value)) = crate::deploy::platforms::marker(var) else {
            continue;
        };
        if options.env.contains_key(&**var) || variants.iter().any(|v| v.env.contains_key(&**var)) {
            continue;
        }
        let label = format!("{var} set ({platform})");
        probed.push(Variant {
            environment: Some(Environment::Probed(label.clone())),
            env: BTreeMap::from([(
                var.to_string(),
                VariantVar {
                    value: Some(value.to_string()),
                    file: None,
                    line: 0,
                    source: None,
                },
            )]),
            reason: format!(
                "the settings read `{var}`, which {platform} sets where it runs the project"
            ),
            label,
            profile: options
                .profiles
                .get(unit)
                .copied()
                .unwrap_or(Profile::Production),
            serves_http: true,
        });
    }
    // The project's own switches for where it runs (`ON_HEROKU`, `IN_DOCKER`, `IS_PRODUCTION`):
    // what runs there when the switch is on.
    for var in &evaluation.read {
        let Some(profile) = deployment_switch(var) else {
            continue;
        };
        if options.env.contains_key(&**var) || variants.iter().any(|v| v.env.contains_key(&**var)) {
            continue;
        }
        let label = format!("{var}='1'");
        probed.push(Variant {
            environment: Some(Environment::Probed(label.clone())),
            env: BTreeMap::from([(
                var.to_string(),
                VariantVar {
                    value: Some("1".into()),
                    file: None,
                    line: 0,
                    source: None,
                },
            )]),
            reason: format!("the settings read `{var}`, a switch named for where they run"),
            label,
            profile: options.profiles.get(unit).copied().unwrap_or(profile),
            serves_http: true,
        });
    }
    probed
}

/// A variable named as a switch for where the project runs (`ON_HEROKU`, `IN_DOCKER`,
/// `IS_PRODUCTION`, `USE_RENDER`): the profile of the environment it switches on. Platforms'
/// own variables are probed with their real values instead (`deploy::platforms`).
fn deployment_switch(var: &str) -> Option<Profile> {
    let words: Vec<&str> = var.split('_').filter(|w| !w.is_empty()).collect();
    let (connectives, places): (Vec<&str>, Vec<&str>) = words
        .iter()
        .partition(|w| matches!(**w, "ON" | "IN" | "IS" | "RUNNING" | "USE" | "USING"));
    let [place] = places.as_slice() else {
        return None;
    };
    let profile = match *place {
        "STAGING" => Profile::Staging,
        "PRODUCTION" | "PROD" | "HEROKU" | "RENDER" | "DOCKER" | "FLY" | "KUBERNETES" | "K8S" => {
            Profile::Production
        }
        _ => return None,
    };
    // A bare `PRODUCTION`, or `ON_HEROKU`; not `DOCKER_HOST` (a place word among others).
    (connectives.len() + 1 == words.len()).then_some(profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deployment_switches_by_name() {
        assert_eq!(deployment_switch("ON_HEROKU"), Some(Profile::Production));
        assert_eq!(deployment_switch("IN_DOCKER"), Some(Profile::Production));
        assert_eq!(deployment_switch("IS_STAGING"), Some(Profile::Staging));
        assert_eq!(deployment_switch("PRODUCTION"), Some(Profile::Production));
        assert_eq!(deployment_switch("DOCKER_HOST"), None);
        assert_eq!(deployment_switch("HEROKU_APP_NAME"), None);
        assert_eq!(deployment_switch("DEBUG"), None);
    }
}
