//! How many times djsafe parses each Python file (issue 11), counted through `DJSAFE_STATS`
//! (`parsed=`, every tree-sitter parse of Python), never through time: an entry point once (its
//! folders and its deployments read from one tree), a settings module twice (when it is loaded
//! for its imports and what it defines, and when it is evaluated), Django's defaults once for
//! the whole run, however many batches the lint runs in.

mod common;

use std::path::Path;

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// `djsafe check .` with the counters on: the number of findings and of parses.
fn check(root: &Path) -> (usize, usize) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_djsafe"))
        .args(["check", ".", "--output-format", "json"])
        .current_dir(root)
        .env("DJSAFE_STATS", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("the djsafe binary runs");
    let stderr = String::from_utf8(output.stderr).unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr:\n{stderr}"));
    let findings = report["findings"].as_array().unwrap().len();
    let parsed = common::parse_count(&stderr);
    (findings, parsed)
}

#[test]
fn each_file_is_parsed_as_often_as_its_uses_need_and_no_more() {
    // Forty projects (two batches of the lint, on every core), each a `manage.py` and a
    // `wsgi.py` defaulting to its `settings.py`, which leaves DEBUG on.
    const PROJECTS: usize = 40;
    let tmp = tempfile::tempdir().unwrap();
    for n in 0..PROJECTS {
        let project = tmp.path().join(format!("project_{n:02}"));
        let default = format!(
            "import os\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_{n:02}.settings')\n"
        );
        write(&project.join("manage.py"), &default);
        write(&project.join(format!("site_{n:02}/__init__.py")), "");
        write(&project.join(format!("site_{n:02}/wsgi.py")), &default);
        write(
            &project.join(format!("site_{n:02}/settings.py")),
            "import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = True\nALLOWED_HOSTS = ['example.com']\nINSTALLED_APPS = ['django.contrib.admin']\n",
        );
    }
    let (findings, parsed) = check(tmp.path());
    assert!(findings >= PROJECTS, "{findings} findings");
    let entry_points = 2 * PROJECTS;
    let settings_modules = 2 * PROJECTS;
    let django_defaults = 1;
    assert_eq!(parsed, entry_points + settings_modules + django_defaults);
}
