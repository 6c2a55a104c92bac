//! Every fixture project under testdata/projects, linted as a user would: the exact text and
//! JSON output are snapshots, and the exit code follows the findings.

mod common;

use common::djsafe;

fn lint(project: &str) {
    let path = format!("testdata/projects/{project}");
    let text = djsafe(&["check", &path, "--color", "never"]);
    let json = djsafe(&["check", &path, "--output-format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON output parses");
    let findings = parsed["findings"].as_array().map_or(0, Vec::len);
    let expected_code = if findings > 0 { 1 } else { 0 };
    assert_eq!(
        text.code, expected_code,
        "text exit code for {project}: {}",
        text.stderr
    );
    assert_eq!(json.code, expected_code, "json exit code for {project}");
    insta::assert_snapshot!(format!("{project}.txt"), text.stdout);
    insta::assert_snapshot!(format!("{project}.json"), json.stdout);
}

macro_rules! projects {
    ($($test:ident => $dir:literal,)*) => {
        $(#[test] fn $test() { lint($dir); })*

        #[test]
        fn every_fixture_project_has_a_test() {
            let mut on_disk: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/projects"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            on_disk.sort();
            let mut tested = vec![$($dir.to_string()),*];
            tested.sort();
            assert_eq!(on_disk, tested);
        }
    };
}

projects! {
    absolute_imports => "absolute-imports",
    all_and_underscore => "all-and-underscore",
    asgi_default => "asgi-default",
    bool_ops => "bool-ops",
    compose_staging => "compose-staging",
    conditional_debug => "conditional-debug",
    dblood => "dblood",
    dict_subscript => "dict-subscript",
    dockerfile_env => "dockerfile-env",
    empty_project => "empty-project",
    environ_subscript => "environ-subscript",
    fail_open_lowercase => "fail-open-lowercase",
    getenv_variants => "getenv-variants",
    import_cycle => "import-cycle",
    list_mutations => "list-mutations",
    lone_settings => "lone-settings",
    missing_module => "missing-module",
    non_utf8 => "non-utf8",
    secret_key_fallbacks => "secret-key-fallbacks",
    secure_settings => "secure-settings",
    settings_init_selector => "settings-init-selector",
    star_chain_three_levels => "star-chain-three-levels",
    string_methods => "string-methods",
    syntax_error => "syntax-error",
    wsgi_default_dev => "wsgi-default-dev",
}
