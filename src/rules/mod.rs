//! The rules: metadata from `rules/*.toml`, checks in Rust, one file per rule.

mod allowed_hosts_wildcard;
pub mod context;
mod debug_enabled;
mod django;
mod hardcoded_secret_key;
mod hsts_not_set;
pub mod registry;

use context::{Context, Draft};

pub type Check = fn(&Context) -> Option<Draft>;

/// The check implementing a rule, by id.
pub fn check_for(id: &str) -> Option<Check> {
    Some(match id {
        "DJS001" => debug_enabled::check,
        "DJS002" => allowed_hosts_wildcard::check,
        "DJS003" => hardcoded_secret_key::check,
        "DJS004" => hsts_not_set::check,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_has_a_check() {
        for rule in super::registry::all() {
            assert!(
                super::check_for(&rule.id).is_some(),
                "{} has no check",
                rule.id
            );
        }
    }
}
