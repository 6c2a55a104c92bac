//! Arbitrary bytes as a Dockerfile: the environment it sets and the settings modules it names.
//! Also the whole of `deploy::collect`, which turns deployment files into deployments.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let dockerfile = djsafe::deploy::dockerfile::parse(&text, &Default::default());
    std::hint::black_box(djsafe::deploy::dockerfile::build_deployments(
        std::path::Path::new("/project/Dockerfile"),
        &dockerfile,
    ));
    std::hint::black_box(djsafe::deploy::settings_module_references(&text));
    std::hint::black_box(djsafe::deploy::configuration_references(&text));
    let file = djsafe::deploy::DeployFile {
        path: "/project/Dockerfile".into(),
        kind: djsafe::deploy::SourceKind::Dockerfile,
        text: text.into_owned(),
    };
    std::hint::black_box(djsafe::deploy::collect(&[file], &|_| None));
});
