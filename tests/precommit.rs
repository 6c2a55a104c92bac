//! The real pre-commit runs this repository's hooks on a git repository holding
//! `testdata/triggers`, offline (`CARGO_NET_OFFLINE=true` after `.ci/run`'s `cargo fetch`; the
//! Python hook builds from `.ci/run`'s wheelhouse): the README's `.pre-commit-config.yaml`
//! (the `djsafe` hook, `language: rust`) passes a clean change and fails an insecure one, and so
//! does `pre-commit try-repo` with the `djsafe-python` hook.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

const COMMON: &str = "shop/settings/common.py";

fn git(dir: &Path, args: &[&str]) -> String {
    let output = common::tools::succeed(
        Command::new("git")
            .args([
                "-c",
                "user.name=djsafe tests",
                "-c",
                "user.email=tests@djsafe.invalid",
            ])
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .current_dir(dir),
    );
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

/// A one-commit git repository holding this working tree as it is (tracked and untracked files,
/// less what .gitignore ignores), with its commit. pre-commit installs hooks from a commit, and
/// `try-repo` on the repository itself would leave out files not yet added to git.
fn snapshot_of_this_repository(dest: &Path) -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = git(
        repo,
        &["ls-files", "--cached", "--others", "--exclude-standard"],
    );
    for file in files.lines().filter(|f| repo.join(f).is_file()) {
        let to = dest.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo.join(file), to).unwrap();
    }
    git(dest, &["init", "--quiet"]);
    git(dest, &["add", "--all"]);
    git(dest, &["commit", "--quiet", "--message", "snapshot"]);
    git(dest, &["rev-parse", "HEAD"])
}

fn replace_in(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from} is in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

struct PreCommit {
    exe: PathBuf,
    project: PathBuf,
    home: PathBuf,
    wheelhouse: PathBuf,
}

impl PreCommit {
    /// Runs `pre-commit ARGS` in the project, printing how long it took (hook installs included).
    fn run(&self, args: &[&str]) -> (Output, String) {
        let started = Instant::now();
        let output = common::tools::output(
            Command::new(&self.exe)
                .args(args)
                .current_dir(&self.project)
                .env("PRE_COMMIT_HOME", &self.home)
                .env("CARGO_NET_OFFLINE", "true")
                .env("CARGO_TARGET_DIR", common::tools::release_target_dir())
                .env("PIP_NO_INDEX", "1")
                .env("PIP_FIND_LINKS", &self.wheelhouse)
                .env("NO_COLOR", "1")
                .env_remove("FORCE_COLOR"),
        );
        let shown = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        eprintln!(
            "pre-commit {} took {:.0?}:\n{shown}",
            args.join(" "),
            started.elapsed()
        );
        (output, shown)
    }
}

#[test]
fn pre_commit_hooks_check_the_settings_modules_a_change_reaches() {
    let (Some(exe), Some(wheelhouse)) = (
        common::tools::from_env("DJSAFE_TEST_PRE_COMMIT"),
        common::tools::from_env("DJSAFE_TEST_WHEELHOUSE"),
    ) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let hooks = tmp.path().join("djsafe");
    let rev = snapshot_of_this_repository(&hooks);

    let project = tmp.path().join("project");
    common::fixtures::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/triggers"),
        &project,
    );
    // The README's example, pointed at the snapshot instead of the published repository.
    let config = common::readme::readme_block("# .pre-commit-config.yaml")
        .replace("https://github.com/djsafe/djsafe", hooks.to_str().unwrap())
        .replace(&format!("v{}", env!("CARGO_PKG_VERSION")), &rev);
    std::fs::write(project.join(".pre-commit-config.yaml"), config).unwrap();
    git(&project, &["init", "--quiet"]);
    git(&project, &["add", "--all"]);
    git(&project, &["commit", "--quiet", "--message", "shop"]);
    let pre_commit = PreCommit {
        exe,
        project: project.clone(),
        home: tmp.path().join("pre-commit-home"),
        wheelhouse,
    };

    // A harmless change to the shared base, and one to a file the configuration excludes: the
    // hook re-checks production and staging, skips the excluded file, and passes (--verbose
    // shows a passing hook's output).
    replace_in(
        &project.join(COMMON),
        "TIME_ZONE = 'UTC'",
        "TIME_ZONE = 'Europe/Paris'",
    );
    replace_in(
        &project.join("legacy/settings.py"),
        "DEBUG = True",
        "DEBUG = True  # old",
    );
    let (output, shown) =
        pre_commit.run(&["run", "--verbose", "--files", COMMON, "legacy/settings.py"]);
    assert_eq!(output.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("No problems found in 2 settings modules."),
        "{shown}"
    );

    // The same clean change through `pre-commit try-repo` and the Python hook.
    let (output, shown) = pre_commit.run(&[
        "try-repo",
        hooks.to_str().unwrap(),
        "djsafe-python",
        "--files",
        COMMON,
    ]);
    assert_eq!(output.status.code(), Some(0), "{shown}");

    // DEBUG turned on in the base: the hook fails, showing the line in both deployed modules.
    replace_in(&project.join(COMMON), "DEBUG = False", "DEBUG = True");
    let (output, shown) = pre_commit.run(&["run", "--files", COMMON]);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    for expected in [
        "DJS001 debug-enabled",
        "shop.settings.production [production error]",
        "shop.settings.staging [staging warning]",
        "[shop/settings/common.py:6:9]",
    ] {
        assert!(shown.contains(expected), "{expected} in {shown}");
    }

    // The Python hook, through try-repo: pip builds the wheel in pre-commit's environment.
    let (output, shown) = pre_commit.run(&[
        "try-repo",
        hooks.to_str().unwrap(),
        "djsafe-python",
        "--files",
        COMMON,
    ]);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(shown.contains("[shop/settings/common.py:6:9]"), "{shown}");
}
