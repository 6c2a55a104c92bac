//! `check --fix` and `check --diff`, with ruff's messages: fixes that need `--unsafe-fixes` are
//! counted, not applied, without it.

use std::path::Path;

use super::apply::{plan, write};
use crate::lint::Outcome;

fn problems(n: usize) -> String {
    if n == 1 {
        "1 problem".to_string()
    } else {
        format!("{n} problems")
    }
}

fn fixes(n: usize) -> String {
    if n == 1 {
        "1 fix".to_string()
    } else {
        format!("{n} fixes")
    }
}

/// What `--diff` prints: the unified diff (paths relative to `cwd` when under it, so that
/// `patch -p1` or `git apply` takes it), and the summary for stderr. The diff is empty when
/// there is nothing to fix.
pub fn diff(outcome: &Outcome, unsafe_fixes: bool, cwd: &Path) -> (String, String) {
    let plan = plan(outcome, unsafe_fixes);
    let mut out = String::new();
    for file in &plan.files {
        let shown = file
            .path
            .strip_prefix(cwd)
            .map(|p| {
                p.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_else(|_| file.display.clone());
        out.push_str(&file.diff_as(&shown));
    }
    let mut summary: Vec<String> = plan.warnings.clone();
    summary.push(match (plan.fixed, plan.unsafe_hidden) {
        (0, 0) => "No fixes available.".to_string(),
        (0, hidden) => format!(
            "No problems would be fixed ({} available with `--unsafe-fixes`).",
            fixes(hidden)
        ),
        (fixed, _) => format!("Would fix {}.", problems(fixed)),
    });
    (out, summary.join("\n") + "\n")
}

/// Applies the fixes and lints again (`relint`), returning the new outcome and the summary for
/// stderr. Without `--unsafe-fixes` nothing is written.
pub fn fix(
    outcome: Outcome,
    unsafe_fixes: bool,
    relint: impl Fn() -> Result<Outcome, String>,
) -> Result<(Outcome, String), String> {
    let plan = plan(&outcome, unsafe_fixes);
    let mut messages = plan.warnings.clone();
    if plan.files.is_empty() {
        if plan.unsafe_hidden > 0 {
            messages.push(format!(
                "No problems fixed ({} available with `--unsafe-fixes`).",
                fixes(plan.unsafe_hidden)
            ));
        }
        return Ok((outcome, join(messages)));
    }
    let (fixed, warnings) = write(&plan);
    messages.extend(warnings);
    messages.push(format!("Fixed {}.", problems(fixed)));
    Ok((relint()?, join(messages)))
}

fn join(messages: Vec<String>) -> String {
    messages.iter().map(|m| format!("{m}\n")).collect()
}
