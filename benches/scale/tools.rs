//! The tools compared with djsafe: `find` (the cost of walking the tree, the floor) and ruff
//! (a fast Rust linter that reads every file), installed at a pinned version into a virtual
//! environment under `target/bench/` the first time.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const RUFF_VERSION: &str = "0.17.5";

/// The ruff executable of `target/bench/ruff-<version>/`, installed with pip if missing.
pub fn ruff(bench_dir: &Path) -> Result<PathBuf, String> {
    let venv = bench_dir.join(format!("ruff-{RUFF_VERSION}"));
    let ruff = venv.join("bin/ruff");
    if version_of(&ruff).as_deref() == Some(RUFF_VERSION) {
        return Ok(ruff);
    }
    let python = std::env::var("DJSAFE_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    eprintln!("installing ruff {RUFF_VERSION} into {} ...", venv.display());
    let status = Command::new(&python)
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .status()
        .map_err(|e| format!("{python} -m venv: {e}"))?;
    if !status.success() {
        return Err(format!("{python} -m venv {} failed", venv.display()));
    }
    let status = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("ruff=={RUFF_VERSION}"))
        .status()
        .map_err(|e| format!("pip: {e}"))?;
    if !status.success() {
        return Err(format!("pip install ruff=={RUFF_VERSION} failed"));
    }
    match version_of(&ruff) {
        Some(v) if v == RUFF_VERSION => Ok(ruff),
        other => Err(format!("installed ruff reports version {other:?}")),
    }
}

fn version_of(ruff: &Path) -> Option<String> {
    let output = Command::new(ruff).arg("--version").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    Some(text.trim().strip_prefix("ruff ")?.to_string())
}

/// `find <tree> -name '*.py'`.
pub fn find_command(tree: &Path) -> Command {
    let mut command = Command::new("find");
    command.arg(tree).args(["-name", "*.py"]);
    command
}

/// `ruff check --select S105,S106 --no-cache <tree>`; `--isolated` so no configuration file
/// above the tree (this repository's included) changes what it does.
pub fn ruff_command(ruff: &Path, tree: &Path) -> Command {
    let mut command = Command::new(ruff);
    command
        .args(["check", "--select", "S105,S106", "--no-cache", "--isolated"])
        .arg(tree);
    command
}

/// `djsafe check <tree> --output-format json`.
pub fn djsafe_command(djsafe: &Path, tree: &Path) -> Command {
    let mut command = Command::new(djsafe);
    command
        .arg("check")
        .arg(tree)
        .args(["--output-format", "json"])
        .env_remove("DJSAFE_OUTPUT_FORMAT");
    command
}
