//! What the fuzz targets share: a scratch project folder (on a RAM disk when there is one) that
//! each input is written into, and djsafe's whole pipeline run on it as `djsafe check` runs it:
//! discovery, import resolution, evaluation under every scenario, every rule, and the JSON
//! report. (The other reports only lay out the same findings; rendering SARIF's rule help on
//! every input would cost most of each run.)
//!
//! The harness costs little beside the lint (profiled: about 3% of an execution, see
//! README.md), and what it does per input is kept to what differs between inputs: one worker
//! thread with djsafe's stack runs every lint (not one started per input), and only the files
//! that changed since the last input are written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Mutex, OnceLock};

use djsafe::exclude::Excludes;
use djsafe::lint;
use djsafe::report;

/// This process's scratch folder: fuzzers run one input at a time per process.
fn scratch() -> PathBuf {
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    base.join(format!("djsafe-fuzz-{}", std::process::id()))
}

/// The files of the last input, as they are on disk under `scratch()` (`None` before the first:
/// the folder may hold a dead process's files when the pid is reused, so it is cleared).
static WRITTEN: Mutex<Option<BTreeMap<String, Vec<u8>>>> = Mutex::new(None);

/// Makes the scratch folder hold exactly `files`: the tree djsafe sees is the one a fresh
/// folder would give, but files the last input had with the same contents are not written
/// again.
fn write_project(dir: &Path, files: &[(String, Vec<u8>)]) {
    let mut written = WRITTEN.lock().unwrap_or_else(|e| e.into_inner());
    let last = written.get_or_insert_with(|| {
        let _ = std::fs::remove_dir_all(dir);
        BTreeMap::new()
    });
    let wanted: BTreeMap<&str, &[u8]> = files
        .iter()
        .map(|(path, contents)| (path.as_str(), contents.as_slice()))
        .collect();
    let stale: Vec<String> = last
        .keys()
        .filter(|path| !wanted.contains_key(path.as_str()))
        .cloned()
        .collect();
    for path in stale {
        last.remove(&path);
        let path = dir.join(&path);
        std::fs::remove_file(&path).expect("the scratch folder is writable");
        // Folders only that file needed go too (`remove_dir` leaves a folder that is not empty).
        for parent in path.ancestors().skip(1) {
            if parent == dir || std::fs::remove_dir(parent).is_err() {
                break;
            }
        }
    }
    for (path, contents) in wanted {
        if last.get(path).is_some_and(|old| old.as_slice() == contents) {
            continue;
        }
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("the scratch folder is writable");
        }
        std::fs::write(&full, contents).expect("the scratch folder is writable");
        last.insert(path.to_string(), contents.to_vec());
    }
}

/// Writes `files` (path relative to the project, contents) into the project folder and lints
/// it. Any panic is the finding; what djsafe reports is not checked here.
pub fn lint_project(files: &[(String, Vec<u8>)]) {
    let dir = scratch();
    write_project(&dir, files);
    let options = lint::Options {
        paths: vec![dir],
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
    let worker = worker().lock().unwrap_or_else(|e| e.into_inner());
    worker
        .jobs
        .send(options)
        .expect("the lint worker is running");
    if let Err(panic) = worker.done.recv().expect("the lint worker is running") {
        std::panic::resume_unwind(panic);
    }
}

/// The thread every lint runs on, with the stack djsafe's own `main` gives its work: deeply
/// nested input is bounded by depth limits sized for it, not for libFuzzer's main thread. One
/// for the process: starting a thread (and mapping its stack) per input was a cost of every
/// execution.
struct Worker {
    jobs: SyncSender<lint::Options>,
    done: Receiver<std::thread::Result<()>>,
}

fn worker() -> &'static Mutex<Worker> {
    static WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();
    WORKER.get_or_init(|| {
        let (jobs, inbox) = sync_channel::<lint::Options>(0);
        let (outbox, done) = sync_channel(0);
        std::thread::Builder::new()
            .name("lint".into())
            .stack_size(STACK_BYTES)
            .spawn(move || {
                for options in inbox {
                    // libfuzzer-sys's panic hook aborts on a panic before it unwinds; catching
                    // it is for the case without the hook (a plain test run of the harness).
                    let outcome = std::panic::catch_unwind(|| {
                        if let Ok(outcome) = lint::lint(&options) {
                            std::hint::black_box(report::json::render(&outcome));
                        }
                    });
                    if outbox.send(outcome).is_err() {
                        break;
                    }
                }
            })
            .expect("a thread starts");
        Mutex::new(Worker { jobs, done })
    })
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
