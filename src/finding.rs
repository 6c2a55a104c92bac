//! What djsafe reports: our own types, from which every output format is written.

use crate::profile::Profile;
use crate::rules::registry::{RuleMeta, Severity};
use crate::source::Span;

/// One problem in one linted settings module.
#[derive(Debug)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    /// Dotted name of the settings module the finding is reported for.
    pub module: String,
    pub profile: Profile,
    pub severity: Severity,
    /// The expression that makes the setting insecure.
    pub span: Span,
    pub message: String,
    /// The environment in which the value is insecure: `always`, `DEBUG unset`, `DEBUG='false'`...
    pub scenario: String,
    /// The environment the finding holds in when it is not the one with every variable unset.
    pub environment: Option<Environment>,
    /// The import statements that carried the value from the module where it was written into
    /// the linted module, outermost first.
    pub chain: Vec<Span>,
    /// Further facts worth showing, e.g. what a deployment sets.
    pub notes: Vec<String>,
    /// The setting the finding is about, `None` for a requirement line (see `fingerprint`).
    pub setting: Option<String>,
    /// The automatic fix djsafe offers, if any.
    pub fix: Option<crate::fix::Fix>,
}

/// An environment a settings module is linted in, besides every variable unset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Environment {
    /// A deployment's: `docker-compose.prod.yml:4 (web)`.
    Deployment(String),
    /// A value the settings compare a variable with: `DJANGO_ENV='production'`.
    Probed(String),
}

impl Environment {
    pub fn label(&self) -> &str {
        match self {
            Environment::Deployment(label) | Environment::Probed(label) => label,
        }
    }

    /// How the report introduces it after the module's name.
    pub fn introduced(&self) -> String {
        match self {
            Environment::Deployment(label) => format!("in {label}"),
            Environment::Probed(label) => format!("with {label}"),
        }
    }
}

/// A linted settings module and why it got its profile.
#[derive(Debug, Clone)]
pub struct LintedModule {
    pub module: String,
    pub profile: Profile,
    pub profile_reason: String,
    pub file: String,
    /// False for development modules, which are classified but not reported by default.
    pub reported: bool,
}
