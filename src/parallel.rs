//! Work spread over the machine's cores with results in input order, so output never depends on
//! which thread finished first.

/// Stack of a worker thread: evaluation recurses over nested code (bounded, see `eval`).
const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// `items` split into one contiguous part per core, `f` run on each part, the results
/// concatenated in the order of `items`. The calling thread runs the last part itself: it is
/// djsafe's own thread (started with a larger stack than a worker's, see `main.rs`), and what it
/// allocates reuses what it freed before, where a new thread allocates from an arena of its own
/// (issue 11: each arena kept its own high-water mark of memory).
pub fn chunks<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    chunks_keeping(items, &mut (), |part, _| f(part))
}

/// [`chunks`], where the part the calling thread runs is also given `kept`: state of the
/// calling thread that outlives this call (it need not be `Send`: no worker sees it), such as
/// what it built once and reuses in every call.
pub fn chunks_keeping<T: Sync, R: Send, K>(
    items: &[T],
    kept: &mut K,
    f: impl Fn(&[T], Option<&mut K>) -> Vec<R> + Sync,
) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    let chunk = items.len().div_ceil(workers).max(1);
    let mut parts: Vec<&[T]> = items.chunks(chunk).collect();
    let Some(own) = parts.pop() else {
        return Vec::new();
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                let f = &f;
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK_BYTES)
                    .spawn_scoped(scope, move || f(part, None))
                    .expect("the system starts a worker thread")
            })
            .collect();
        let own = f(own, Some(kept));
        let mut results: Vec<R> = handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        results.extend(own);
        results
    })
}

/// `f` applied to each item, on every core, in the order of `items`.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    chunks(items, |part| part.iter().map(&f).collect())
}
