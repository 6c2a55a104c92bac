//! Giving freed memory back to the system. glibc's allocator keeps what a phase freed mapped
//! (its arenas grow, they rarely shrink), and the lint's worker threads allocate from arenas
//! of their own, where what planning freed cannot be reused: on the 2,000-project benchmark,
//! the walk's folder listings and each batch's syntax trees stayed resident after they were
//! dropped (issue 11). `malloc_trim` returns the free pages of every arena.

/// Returns the allocator's free pages to the system (a no-op where the C library has no
/// `malloc_trim`).
pub fn release_free_pages() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: `malloc_trim` only walks glibc's own arenas, under their locks; it takes no
        // pointer and may be called at any time from any thread.
        unsafe {
            malloc_trim(0);
        }
    }
}
