//! Arbitrary bytes as a settings module (`proj/settings.py`, named by `manage.py`), linted end to
//! end: no input may panic, hang or exhaust memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    djsafe_fuzz::lint_project(&[
        djsafe_fuzz::manage_py("proj.settings"),
        ("proj/__init__.py".into(), Vec::new()),
        ("proj/settings.py".into(), data.to_vec()),
    ]);
});
