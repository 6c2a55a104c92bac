//! External tools that `.ci/run` installs into `target/ci/` and names in environment variables,
//! and the commands the packaging tests run with them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The tool that environment variable `var` names. Outside CI a test may skip (`None`, with a
/// message) when it is unset; in CI (`CI=true`) that fails the test, so CI cannot pass by
/// skipping what it is meant to check.
pub fn from_env(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var).filter(|v| !v.is_empty()) {
        Some(path) => {
            let path = PathBuf::from(path);
            assert!(
                path.exists(),
                "{var} names {}, which does not exist",
                path.display()
            );
            Some(path)
        }
        None => {
            let message = format!("{var} is not set (.ci/run installs the tool and sets it)");
            assert!(!std::env::var("CI").is_ok_and(|v| v == "true"), "{message}");
            eprintln!("skipping: {message}");
            None
        }
    }
}

/// A cargo target folder shared by every release build the tests start (pre-commit's
/// `cargo install`, the wheel): djsafe's dependencies then compile once per run, not per build.
pub fn release_target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("release-builds")
}

/// Runs `command`, returning its output; a command that cannot start fails the test.
pub fn output(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

/// Runs `command` and fails the test, with its output, unless it succeeds.
pub fn succeed(command: &mut Command) -> Output {
    let output = output(command);
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
