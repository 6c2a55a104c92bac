//! Running the djsafe binary the way a user does, and real Python beside it.

#![allow(dead_code)] // each test crate uses a different part of this module

pub mod differential;
pub mod fixtures;
pub mod python;
pub mod readme;
pub mod tools;

use std::path::Path;
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `djsafe ARGS` from the repository root with a clean colour environment.
pub fn djsafe(args: &[&str]) -> Run {
    djsafe_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

pub fn djsafe_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_djsafe"))
        .args(args)
        .current_dir(dir)
        .env_remove("FORCE_COLOR")
        .env_remove("DJSAFE_OUTPUT_FORMAT")
        .env("NO_COLOR", "1")
        .output()
        .expect("the djsafe binary runs");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "djsafe panicked: {}",
        run.stderr
    );
    run
}

/// The `parsed=` counter of the last `DJSAFE_STATS` line on stderr: how many times Python was
/// parsed.
pub fn parse_count(stderr: &str) -> usize {
    stderr
        .lines()
        .rev()
        .find_map(|line| line.split("parsed=").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no parse counter in {stderr}"))
}
