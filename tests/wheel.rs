//! `pip install` of djsafe's wheel: pip builds it from pyproject.toml with maturin (offline, from
//! the wheelhouse `.ci/run` fills), a fresh virtual environment installs it, and the `djsafe` it
//! puts on that environment's PATH lints dblood.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn pip_builds_a_wheel_that_installs_djsafe_on_path() {
    let (Some(python), Some(wheelhouse)) = (
        common::tools::from_env("DJSAFE_TEST_PYTHON"),
        common::tools::from_env("DJSAFE_TEST_WHEELHOUSE"),
    ) else {
        return;
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let wheels = tmp.path().join("wheels");
    // As `pip install .` does: an isolated build environment with the backend pyproject.toml
    // names; the wheelhouse stands in for the package index.
    let started = std::time::Instant::now();
    common::tools::succeed(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-index",
                "--find-links",
            ])
            .arg(&wheelhouse)
            .arg("--wheel-dir")
            .arg(&wheels)
            .arg(repo)
            .env("CARGO_TARGET_DIR", common::tools::release_target_dir())
            .env("CARGO_NET_OFFLINE", "true")
            .env_remove("PIP_FIND_LINKS"),
    );
    eprintln!("pip wheel took {:.0?}", started.elapsed());
    let built: Vec<String> = std::fs::read_dir(&wheels)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        matches!(built.as_slice(), [wheel] if wheel.starts_with(&format!("djsafe-{version}-py3-none-"))),
        "{built:?}"
    );

    let venv = tmp.path().join("fresh-venv");
    common::tools::succeed(Command::new(&python).args(["-m", "venv"]).arg(&venv));
    common::tools::succeed(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--no-index"])
            .arg(wheels.join(&built[0])),
    );
    let djsafe = venv.join("bin/djsafe");
    let version_line = common::tools::succeed(Command::new(&djsafe).arg("--version")).stdout;
    assert_eq!(
        String::from_utf8_lossy(&version_line),
        format!("djsafe {version}\n")
    );

    let run = common::tools::output(
        Command::new(&djsafe)
            .args([
                "check",
                "testdata/projects/staging-deployed",
                "--output-format",
                "json",
            ])
            .current_dir(repo),
    );
    assert_eq!(run.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let findings: Vec<(&str, &str, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    for expected in [
        ("DJS001", "dblood/settings/production.py", 5),
        ("DJS003", "dblood/settings/staging.py", 2),
        ("DJS001", "dblood/settings/staging.py", 3),
        ("DJS002", "dblood/settings/staging.py", 4),
    ] {
        assert!(findings.contains(&expected), "{expected:?} in {findings:?}");
    }
}
