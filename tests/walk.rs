//! What discovery's single walk meets in real trees (issue 11): files that are not regular files
//! (a FIFO, a socket, a link to a device) named like settings or deployment files are reported
//! and never opened, so djsafe cannot block on them; folders that hold no settings of the
//! project are pruned before they are read.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Runs `djsafe check <project> --output-format json` with a deadline: a run that blocks on a
/// file fails the test instead of hanging it. Returns the exit code, the report and stderr.
fn check_with_deadline(dir: &Path, project: &str, env: &[(&str, &str)]) -> (i32, Value, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_djsafe"))
        .args(["check", project, "--output-format", "json"])
        .current_dir(dir)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the djsafe binary runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if child
            .try_wait()
            .expect("djsafe can be waited for")
            .is_some()
        {
            break;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("djsafe did not finish within 60 seconds: it blocked on a file");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child
        .wait_with_output()
        .expect("djsafe's output is readable");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "djsafe panicked: {stderr}");
    let report = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}\nstderr:\n{stderr}"));
    (output.status.code().unwrap_or(-1), report, stderr)
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path that lives across the call.
    let made = unsafe { libc::mkfifo(name.as_ptr(), 0o644) };
    assert_eq!(made, 0, "mkfifo {}", path.display());
}

/// `(file, message)` of every diagnostic.
fn diagnostics(report: &Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics is a list")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_string(),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// `(rule, file, line)` of every finding.
fn findings(report: &Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .expect("findings is a list")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn fifos_sockets_and_devices_named_like_settings_are_reported_not_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("proj");
    write(
        &project.join("site/settings.py"),
        "DEBUG = True\nINSTALLED_APPS = []\n",
    );
    // Nothing ever writes to these: opening the FIFO for reading would block forever, and
    // reading /dev/zero would never end.
    mkfifo(&project.join("fifo/settings.py"));
    mkfifo(&project.join("Dockerfile"));
    std::fs::create_dir_all(project.join("device")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", project.join("device/settings.py")).unwrap();
    let socket = project.join("socket/settings.py");
    std::fs::create_dir_all(socket.parent().unwrap()).unwrap();
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();

    let (code, report, stderr) = check_with_deadline(tmp.path(), "proj", &[]);
    assert_eq!(code, 1, "{stderr}");
    // The real settings module is still linted.
    assert!(
        findings(&report).contains(&("DJS001".into(), "site/settings.py".into(), 1)),
        "{report:#}"
    );
    let diagnostics = diagnostics(&report);
    for (file, kind) in [
        ("fifo/settings.py", "a FIFO"),
        ("Dockerfile", "a FIFO"),
        ("device/settings.py", "a device"),
        ("socket/settings.py", "a socket"),
    ] {
        assert!(
            diagnostics.iter().any(|(f, message)| f == file
                && message.contains("not a regular file")
                && message.contains(kind)),
            "no diagnostic for {file} ({kind}) in {diagnostics:#?}"
        );
    }
}

#[test]
fn pruned_folders_are_never_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("proj");
    write(
        &project.join("site/settings.py"),
        "DEBUG = True\nINSTALLED_APPS = []\n",
    );
    // Insecure settings where no project keeps its own: each folder must be pruned unread.
    let insecure = "DEBUG = True\nSECRET_KEY = 'x'\nINSTALLED_APPS = []\n";
    for folder in [
        ".git/objects",
        "node_modules/pkg",
        ".venv/lib/python3.12/site-packages/pkg",
        "build/lib/pkg",
        "__pycache__/x",
        "vendor.egg-info/x",
        // A project template (cookiecutter, copier): rendered into other projects.
        "{{cookiecutter.project_slug}}/config",
        "site-factory/{% if cookiecutter.docker %}docker{% endif %}",
    ] {
        write(&project.join(folder).join("settings.py"), insecure);
    }
    write(
        &project.join("{{cookiecutter.project_slug}}/docker-compose.yml"),
        "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: hunter2\n",
    );
    write(&project.join(".venv/pyvenv.cfg"), "home = /usr/bin\n");
    write(&project.join("env2/pyvenv.cfg"), "home = /usr/bin\n");
    write(&project.join("env2/lib/settings.py"), insecure);

    let (code, report, stderr) = check_with_deadline(tmp.path(), "proj", &[("DJSAFE_STATS", "1")]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        findings(&report)
            .into_iter()
            .map(|(_, file, _)| file)
            .collect::<std::collections::BTreeSet<_>>(),
        std::collections::BTreeSet::from(["site/settings.py".to_string()]),
        "{report:#}"
    );
    // Listed: proj, proj/site, proj/site-factory (whose only folder is a template) and the
    // virtual environments `.venv` and `env2` (whose listings show their `pyvenv.cfg`); nothing
    // under a pruned folder.
    let listed: usize = stderr
        .lines()
        .rev()
        .find_map(|line| line.split("listed=").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no counter in {stderr}"));
    assert_eq!(listed, 5, "{stderr}");
}
