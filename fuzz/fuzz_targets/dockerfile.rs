//! Arbitrary bytes as a Dockerfile: the environment it sets and the settings modules it names.
//! (The deployment-file parsers are being moved into src/deploy/; point these calls at whatever
//! reads a Dockerfile there.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    std::hint::black_box(djsafe::deploy::dockerfile_env(&text));
    std::hint::black_box(djsafe::deploy::settings_module_references(&text));
    std::hint::black_box(djsafe::deploy::configuration_references(&text));
});
