//! Automatic fixes for the mission rules (DJS001 debug-enabled, DJS002 allowed-hosts-wildcard,
//! DJS003 hardcoded-secret-key), offered as ruff offers its unsafe fixes: each one changes what
//! the settings do when a variable is unset (that is the point), so `check --fix` applies them
//! only with `--unsafe-fixes`, and `--diff` shows them without writing.
//!
//! A fix keeps the variable's name and the way the module reads the environment (`os.getenv`,
//! `os.environ.get`, django-environ, python-decouple), and is never offered in a development
//! settings module. Each one is checked by `tests/fixes.rs`: the fixed fixture imports in
//! CPython with the intended values, and djsafe no longer reports the finding.

mod apply;
pub mod command;
mod debug;
mod diff;
mod hosts;
mod python;
mod secret_key;

pub use debug::propose as debug_enabled;
pub use hosts::propose as allowed_hosts_wildcard;
pub use secret_key::propose as hardcoded_secret_key;

use crate::profile::{Profile, profile_from_name};
use crate::rules::context::Context;
use crate::source::{FileId, Span};

/// Whether a fix keeps the program's meaning (ruff's safe fixes) or may change it. djsafe's
/// fixes change what a deployment gets when a variable is unset, so all of them are unsafe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Unsafe,
}

/// Replace `start..end` of `file` with `content` (an insertion when the range is empty).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
    pub content: String,
}

#[derive(Clone, Debug)]
pub struct Fix {
    /// What the fix does, for people: `` replace `...` with `...` ``.
    pub message: String,
    pub applicability: Applicability,
    /// Non-overlapping edits, in one file.
    pub edits: Vec<Edit>,
}

impl Fix {
    fn unsafe_edits(message: String, edits: Vec<Edit>) -> Self {
        Fix {
            message,
            applicability: Applicability::Unsafe,
            edits,
        }
    }

    fn replace(message: String, file: FileId, node: tree_sitter::Node, content: String) -> Self {
        Fix::unsafe_edits(
            message,
            vec![Edit {
                file,
                start: node.start_byte(),
                end: node.end_byte(),
                content,
            }],
        )
    }
}

/// Whether djsafe may edit the file `span` is in: a module of the project (not a Dockerfile),
/// and not a development module: one whose dotted name says so (`settings.local`,
/// `settings.dev.base`) or that djsafe classified as development.
pub fn editable(ctx: &Context, span: Span) -> bool {
    let Some(module) = ctx.project.modules.iter().find(|m| m.file == span.file) else {
        return false;
    };
    ctx.profile != Profile::Development
        && module
            .name
            .split('.')
            .all(|part| profile_from_name(part) != Some(Profile::Development))
}
