//! What the fuzz targets share: a scratch project folder (on a RAM disk when there is one) that
//! each input is written into, and djsafe's whole pipeline run on it as `djsafe check` runs it:
//! discovery, import resolution, evaluation under every scenario, every rule, and the JSON
//! report. (The other reports only lay out the same findings; rendering SARIF's rule help on
//! every input would cost most of each run.)

use std::collections::BTreeMap;
use std::path::PathBuf;

use djsafe::exclude::Excludes;
use djsafe::lint;
use djsafe::report;

/// This process's scratch folder: fuzzers run one input at a time per process.
fn scratch() -> PathBuf {
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    base.join(format!("djsafe-fuzz-{}", std::process::id()))
}

/// Writes `files` (path relative to the project, contents) into a fresh project folder and lints
/// it. Any panic is the finding; what djsafe reports is not checked here.
pub fn lint_project(files: &[(String, Vec<u8>)]) {
    let dir = scratch();
    let _ = std::fs::remove_dir_all(&dir);
    for (path, contents) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("the scratch folder is writable");
        }
        std::fs::write(&path, contents).expect("the scratch folder is writable");
    }
    let options = lint::Options {
        paths: vec![dir.clone()],
        settings: Vec::new(),
        profile: None,
        env: BTreeMap::new(),
        rules: djsafe::selection::enabled_rules(&[], &[], &[]).expect("every rule is known"),
        profiles: BTreeMap::new(),
        report_development: true,
        strict_staging: false,
        excludes: Excludes::default(),
        force_exclude: false,
    };
    // On a thread with the stack djsafe's own `main` gives its work: deeply nested input is
    // bounded by depth limits sized for it, not for libFuzzer's main thread.
    std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || {
            if let Ok(outcome) = lint::lint(&options) {
                std::hint::black_box(report::json::render(&outcome));
            }
        })
        .expect("a thread starts")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
}

/// The stack of djsafe's worker thread in src/main.rs.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// `manage.py`, naming `module` as the settings, as `django-admin startproject` writes it.
pub fn manage_py(module: &str) -> (String, Vec<u8>) {
    (
        "manage.py".into(),
        format!(
            "import os\nimport sys\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '{module}')\n"
        )
        .into_bytes(),
    )
}
