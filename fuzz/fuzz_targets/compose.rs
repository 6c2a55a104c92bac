//! Arbitrary bytes as a compose file: the environment its services set and the settings modules
//! it names. (See dockerfile.rs about src/deploy/.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    std::hint::black_box(djsafe::deploy::compose_env(&text));
    std::hint::black_box(djsafe::deploy::settings_module_references(&text));
});
