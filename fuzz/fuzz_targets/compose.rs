//! Arbitrary bytes as a compose file: the environment its services set and the settings modules
//! it names, and the whole of `deploy::collect`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    std::hint::black_box(djsafe::deploy::compose_env(&text));
    std::hint::black_box(djsafe::deploy::settings_module_references(&text));
    let file = djsafe::deploy::DeployFile {
        path: "/project/docker-compose.yml".into(),
        kind: djsafe::deploy::SourceKind::Compose,
        text: text.into_owned(),
    };
    std::hint::black_box(djsafe::deploy::collect(&[file], &|_| None));
});
