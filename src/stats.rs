//! Counters of the work a run did (files parsed, evaluations), printed to stderr when
//! `DJSAFE_STATS` is set: tests assert through them that djsafe reads only what it needs, and
//! they say where the time of a large run goes without a profiler.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Python files parsed with tree-sitter (a file parsed again after its tree was dropped counts
/// again).
pub static PARSED: AtomicUsize = AtomicUsize::new(0);
/// Evaluations of a settings module under one scenario.
pub static EVALUATIONS: AtomicUsize = AtomicUsize::new(0);
/// Modules evaluated (a settings module and each module it imports, once per evaluation that
/// runs it).
pub static MODULES_EVALUATED: AtomicUsize = AtomicUsize::new(0);
/// Modules whose evaluation was reused from an earlier one that agrees on the variables it read
/// (see `eval::module_cache`) instead of evaluated again.
pub static MODULES_REUSED: AtomicUsize = AtomicUsize::new(0);
/// Folders listed.
pub static LISTED: AtomicUsize = AtomicUsize::new(0);

pub fn count(counter: &AtomicUsize) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// The counters as one line, `parsed=N evaluations=N listed=N modules-evaluated=N
/// modules-reused=N`.
pub fn summary() -> String {
    format!(
        "parsed={} evaluations={} listed={} modules-evaluated={} modules-reused={}",
        PARSED.load(Ordering::Relaxed),
        EVALUATIONS.load(Ordering::Relaxed),
        LISTED.load(Ordering::Relaxed),
        MODULES_EVALUATED.load(Ordering::Relaxed),
        MODULES_REUSED.load(Ordering::Relaxed),
    )
}

/// Prints the counters to stderr when `DJSAFE_STATS` is set.
pub fn report() {
    if std::env::var_os("DJSAFE_STATS").is_some_and(|v| !v.is_empty()) {
        eprintln!("djsafe stats: {}", summary());
    }
}

/// With `DJSAFE_STATS` set, prints the peak resident memory so far after a phase of the run.
pub fn phase(name: &str) {
    if std::env::var_os("DJSAFE_STATS").is_some_and(|v| !v.is_empty()) {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let peak = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .map(str::trim)
            .unwrap_or("?");
        let now = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .map(str::trim)
            .unwrap_or("?");
        let heap = heap().map_or(String::new(), |(live, peak)| {
            format!(", heap {} kB live, {} kB peak", live / 1024, peak / 1024)
        });
        eprintln!(
            "djsafe stats: after {name}: peak {peak}, now {now}{heap}, {}",
            summary()
        );
    }
}

/// Heap bytes live and the most live at once, counted by [`CountingAllocator`] (the
/// `alloc-stats` feature); `None` without it.
pub fn heap() -> Option<(usize, usize)> {
    #[cfg(feature = "alloc-stats")]
    {
        Some((
            counting::LIVE.load(Ordering::Relaxed),
            counting::PEAK.load(Ordering::Relaxed),
        ))
    }
    #[cfg(not(feature = "alloc-stats"))]
    None
}

#[cfg(feature = "alloc-stats")]
pub use counting::CountingAllocator;

#[cfg(feature = "alloc-stats")]
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub static LIVE: AtomicUsize = AtomicUsize::new(0);
    pub static PEAK: AtomicUsize = AtomicUsize::new(0);

    /// The system allocator, counting the bytes it hands out.
    pub struct CountingAllocator;

    fn grew(bytes: usize) {
        let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }

    // SAFETY: every call is forwarded to `System` unchanged.
    unsafe impl GlobalAlloc for CountingAllocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            grew(layout.size());
            unsafe { System.alloc(layout) }
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            grew(layout.size());
            unsafe { System.alloc_zeroed(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}
