//! Counters of the work a run did (files parsed, evaluations), printed to stderr when
//! `DJSAFE_STATS` is set: tests assert through them that djsafe reads only what it needs, and
//! they say where the time of a large run goes without a profiler.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Python files parsed with tree-sitter (a file parsed again after its tree was dropped counts
/// again).
pub static PARSED: AtomicUsize = AtomicUsize::new(0);
/// Evaluations of a settings module under one scenario.
pub static EVALUATIONS: AtomicUsize = AtomicUsize::new(0);
/// Folders listed.
pub static LISTED: AtomicUsize = AtomicUsize::new(0);

pub fn count(counter: &AtomicUsize) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// The counters as one line, `parsed=N evaluations=N listed=N`.
pub fn summary() -> String {
    format!(
        "parsed={} evaluations={} listed={}",
        PARSED.load(Ordering::Relaxed),
        EVALUATIONS.load(Ordering::Relaxed),
        LISTED.load(Ordering::Relaxed)
    )
}

/// Prints the counters to stderr when `DJSAFE_STATS` is set.
pub fn report() {
    if std::env::var_os("DJSAFE_STATS").is_some_and(|v| !v.is_empty()) {
        eprintln!("djsafe stats: {}", summary());
    }
}
