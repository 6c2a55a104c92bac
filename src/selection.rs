//! Which rules run, and which findings `per-file-ignores` drops, from the configuration file and
//! the command line, as in ruff: `--select` replaces `select`, `--ignore` replaces `ignore`,
//! `--per-file-ignores` replaces `per-file-ignores`; `extend-select` and `extend-ignore` (in the
//! file and on the command line) add to them. Without `select`, the default set runs: every rule
//! but the opt-in ones (`unused-noqa`), which run when selected or extend-selected by id or name.
//! An ignored rule stays off even when selected.

use std::path::Path;

use crate::cli::CheckArgs;
use crate::config::Config;
use crate::rules::registry::{self, RuleMeta};
use crate::suppress::per_file::PerFileIgnores;

pub struct Selection {
    pub rules: Vec<&'static RuleMeta>,
    pub per_file_ignores: PerFileIgnores,
}

pub fn resolve(
    args: &CheckArgs,
    config: &Config,
    config_dir: &Path,
    cwd: &Path,
) -> Result<Selection, String> {
    let select = if args.select.is_empty() {
        config.select.clone().unwrap_or_default()
    } else {
        args.select.clone()
    };
    let extend_select: Vec<String> = config
        .extend_select
        .iter()
        .chain(&args.extend_select)
        .cloned()
        .collect();
    let mut ignore = if args.ignore.is_empty() {
        config.ignore.clone()
    } else {
        args.ignore.clone()
    };
    ignore.extend(config.extend_ignore.iter().cloned());
    ignore.extend(args.extend_ignore.iter().cloned());
    let per_file_ignores = if args.per_file_ignores.is_empty() {
        PerFileIgnores::from_table(&config.per_file_ignores, config_dir)?
    } else {
        PerFileIgnores::from_pairs(&args.per_file_ignores, cwd)?
    };
    Ok(Selection {
        rules: enabled_rules(&select, &extend_select, &ignore)?,
        per_file_ignores,
    })
}

/// The rules `select` names (the default set when empty) plus `extend_select`, minus `ignore`,
/// in id order.
pub fn enabled_rules(
    select: &[String],
    extend_select: &[String],
    ignore: &[String],
) -> Result<Vec<&'static RuleMeta>, String> {
    let lookup = |key: &String| {
        let key = key.trim();
        registry::find(key).ok_or_else(|| format!("unknown rule `{key}` (see `djsafe rules`)"))
    };
    let mut rules: Vec<&RuleMeta> = if select.is_empty() {
        registry::all().iter().filter(|r| !r.opt_in).collect()
    } else {
        select.iter().map(lookup).collect::<Result<_, _>>()?
    };
    for key in extend_select {
        rules.push(lookup(key)?);
    }
    let ignored: Vec<&RuleMeta> = ignore.iter().map(lookup).collect::<Result<_, _>>()?;
    rules.retain(|r| !ignored.iter().any(|i| i.id == r.id));
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules.dedup_by(|a, b| a.id == b.id);
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::enabled_rules;

    fn ids(select: &[&str], extend: &[&str], ignore: &[&str]) -> Vec<String> {
        let owned = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        enabled_rules(&owned(select), &owned(extend), &owned(ignore))
            .unwrap()
            .iter()
            .map(|r| r.id.clone())
            .collect()
    }

    #[test]
    fn opt_in_rules_run_only_when_named() {
        assert!(!ids(&[], &[], &[]).contains(&"DJS048".to_string()));
        assert!(ids(&[], &["unused-noqa"], &[]).contains(&"DJS048".to_string()));
        assert_eq!(ids(&["DJS001"], &["DJS048"], &[]), ["DJS001", "DJS048"]);
        assert_eq!(
            ids(&["DJS001", "DJS002"], &[], &["debug-enabled"]),
            ["DJS002"]
        );
        assert_eq!(ids(&["DJS001"], &["DJS002"], &["DJS002"]), ["DJS001"]);
        assert!(enabled_rules(&[], &["DJS999".into()], &[]).is_err());
    }
}
