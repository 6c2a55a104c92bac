//! The rules: metadata from `rules/*.toml`, checks in Rust, one file per rule.

mod allowed_hosts_empty;
mod allowed_hosts_wildcard;
mod async_unsafe_allowed;
pub(crate) mod beyond_django;
mod cache_location_exposed;
mod content_type_nosniff_off;
pub mod context;
mod cors_allow_all_origins;
mod cors_insecure_origins;
mod cross_origin_opener_policy_invalid;
mod csrf_cookie_insecure;
mod csrf_middleware_missing;
mod csrf_trusted_origins_insecure;
mod debug_enabled;
mod debug_propagate_exceptions;
mod development_apps_enabled;
mod development_email_backend;
mod development_packages_in_production;
mod django;
pub mod django_versions;
mod eval_of_environment;
pub(crate) mod hardcoded_credential;
mod hardcoded_secret_key;
mod hsts_include_subdomains_off;
mod hsts_not_set;
mod hsts_preload_off;
mod internal_ips_wildcard;
mod password_validators_empty;
mod pickle_session_serializer;
mod proxy_ssl_header_without_redirect;
mod psycopg2_binary_in_production;
mod referrer_policy_invalid;
mod referrer_policy_unset;
pub mod registry;
mod samesite_none_without_secure;
mod scenario;
mod secret_key_generated_at_import;
mod security_middleware_missing;
mod session_cookie_httponly_off;
mod session_cookie_insecure;
pub mod silenced;
mod ssl_redirect_off;
mod template_debug_enabled;
mod weak_password_hasher;
mod weak_secret_key;
mod weak_secret_key_fallbacks;
mod world_writable_upload_permissions;
mod x_frame_options_not_deny;
mod xframe_middleware_missing;

pub use django::DEFAULT_SCENARIO;

use context::{Context, Draft};

pub type Check = fn(&Context) -> Option<Draft>;

/// Rules about the suppression comments rather than a settings module: `suppress` runs them
/// once every module is linted, so they have no per-module check.
pub const AFTER_SUPPRESSION: &[&str] = &["DJS048"];

/// Rules about the repository's deployments rather than one settings module: `crate::lint`
/// checks them once per run, from what the deployments run.
pub const DEPLOYMENT_RULES: &[&str] = &["DJS049"];

/// The check implementing a rule, by id.
pub fn check_for(id: &str) -> Option<Check> {
    Some(match id {
        "DJS001" => debug_enabled::check,
        "DJS002" => allowed_hosts_wildcard::check,
        "DJS003" => hardcoded_secret_key::check,
        "DJS004" => hsts_not_set::check,
        "DJS005" => security_middleware_missing::check,
        "DJS006" => xframe_middleware_missing::check,
        "DJS007" => csrf_middleware_missing::check,
        "DJS008" => hsts_include_subdomains_off::check,
        "DJS009" => hsts_preload_off::check,
        "DJS010" => content_type_nosniff_off::check,
        "DJS011" => ssl_redirect_off::check,
        "DJS012" => x_frame_options_not_deny::check,
        "DJS013" => referrer_policy_unset::check,
        "DJS014" => referrer_policy_invalid::check,
        "DJS015" => cross_origin_opener_policy_invalid::check,
        "DJS020" => weak_secret_key::check,
        "DJS021" => weak_secret_key_fallbacks::check,
        "DJS022" => allowed_hosts_empty::check,
        "DJS023" => session_cookie_insecure::check,
        "DJS024" => session_cookie_httponly_off::check,
        "DJS025" => csrf_cookie_insecure::check,
        "DJS026" => cache_location_exposed::check,
        "DJS027" => development_email_backend::check,
        "DJS028" => async_unsafe_allowed::check,
        "DJS030" => cors_allow_all_origins::check,
        "DJS031" => cors_insecure_origins::check,
        "DJS032" => csrf_trusted_origins_insecure::check,
        "DJS033" => hardcoded_credential::check,
        "DJS034" => secret_key_generated_at_import::check,
        "DJS035" => development_apps_enabled::check,
        "DJS036" => internal_ips_wildcard::check,
        "DJS037" => weak_password_hasher::check,
        "DJS038" => password_validators_empty::check,
        "DJS039" => pickle_session_serializer::check,
        "DJS040" => debug_propagate_exceptions::check,
        "DJS041" => template_debug_enabled::check,
        "DJS042" => proxy_ssl_header_without_redirect::check,
        "DJS043" => world_writable_upload_permissions::check,
        "DJS044" => samesite_none_without_secure::check,
        "DJS045" => eval_of_environment::check,
        "DJS046" => psycopg2_binary_in_production::check,
        "DJS047" => development_packages_in_production::check,
        _ => return None,
    })
}

/// `text` with the secret in it replaced by `****` (its quoted forms too): a secret a deployment
/// file commits is pointed at by its line, never copied into CI logs and reports.
fn mask(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        return text.to_string();
    }
    let repr = crate::eval::value::python_repr(secret);
    text.replace(&repr, "'****'").replace(secret, "****")
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_has_a_check() {
        for rule in super::registry::all() {
            assert!(
                super::check_for(&rule.id).is_some()
                    != (super::DEPLOYMENT_RULES.contains(&rule.id.as_str())
                        || super::AFTER_SUPPRESSION.contains(&rule.id.as_str())),
                "{} has no check, or is checked both per module and per deployment or after suppression",
                rule.id
            );
        }
    }
}
