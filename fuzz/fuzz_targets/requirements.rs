//! Arbitrary bytes as a requirements file, a `pyproject.toml` and a lock file: the requirements,
//! the included files and the pinned Django release.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    std::hint::black_box(djsafe::requirements::requirements_txt(
        &text,
        Path::new("/project/requirements"),
    ));
    std::hint::black_box(djsafe::requirements::pyproject_production(&text));
    for file in ["requirements.txt", "pyproject.toml", "poetry.lock", "uv.lock", "Pipfile.lock", "Pipfile", "setup.cfg"] {
        std::hint::black_box(djsafe::requirements::django_release(Path::new(file), &text));
    }
});
