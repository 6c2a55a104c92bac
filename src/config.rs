//! Configuration from `djsafe.toml` or `[tool.djsafe]` in `pyproject.toml`: the closest one
//! above the linted path wins, and command-line flags override it (as in ruff).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::profile::Profile;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rules to run (ids or names); the default set when absent.
    pub select: Option<Vec<String>>,
    /// Rules to run on top of `select` (or the default set), e.g. the opt-in `unused-noqa`.
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// Rules to skip on top of `ignore` (the command line's `--ignore` replaces `ignore`, not these).
    pub extend_ignore: Vec<String>,
    /// Glob → rules not reported for the files it matches (relative to this file's folder).
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Environment variables set in every scenario, like `--env`.
    pub env: BTreeMap<String, String>,
    /// Profiles by dotted module name, overriding discovery.
    pub profiles: BTreeMap<String, Profile>,
    /// Report development modules too (as notes).
    pub report_development: bool,
    /// Report staging findings with the production severity instead of one level lower.
    pub strict_staging: bool,
    /// Files and folders discovery skips (globs, relative to this file's folder), like `--exclude`.
    pub exclude: Vec<String>,
}

#[derive(Deserialize)]
struct PyProject {
    tool: Option<Tool>,
}

#[derive(Deserialize)]
struct Tool {
    djsafe: Option<toml::Value>,
}

/// Finds and reads the configuration for `start`; `Ok(None)` when there is none.
pub fn load(start: &Path) -> Result<Option<(PathBuf, Config)>, String> {
    let start = if start.is_file() {
        start.parent().unwrap_or(start)
    } else {
        start
    };
    for dir in start.ancestors() {
        let own = dir.join("djsafe.toml");
        if own.is_file() {
            let text = read(&own)?;
            let config = toml::from_str(&text).map_err(|e| format!("{}: {e}", own.display()))?;
            return Ok(Some((own, config)));
        }
        let pyproject = dir.join("pyproject.toml");
        if pyproject.is_file() {
            let text = read(&pyproject)?;
            let parsed: PyProject =
                toml::from_str(&text).map_err(|e| format!("{}: {e}", pyproject.display()))?;
            if let Some(table) = parsed.tool.and_then(|t| t.djsafe) {
                let config = table
                    .try_into()
                    .map_err(|e| format!("{} [tool.djsafe]: {e}", pyproject.display()))?;
                return Ok(Some((pyproject, config)));
            }
        }
    }
    Ok(None)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
