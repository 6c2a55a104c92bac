//! Every fixture project under testdata/projects (constructs), testdata/idioms (real-world
//! settings idioms) and testdata/soundness (values djsafe got wrong, each found by comparing
//! with CPython), linted as a user would: the exact text and JSON output are snapshots, and
//! the exit code follows the findings.

mod common;

use common::djsafe;

fn lint(group: &str, project: &str) {
    let path = format!("testdata/{group}/{project}");
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
    let name = if group == "projects" {
        project.to_string()
    } else {
        format!("{group}-{project}")
    };
    insta::assert_snapshot!(format!("{name}.txt"), text.stdout);
    insta::assert_snapshot!(format!("{name}.json"), json.stdout);
}

macro_rules! fixtures {
    ($group:literal, $coverage:ident, $($test:ident => $dir:literal,)*) => {
        $(#[test] fn $test() { lint($group, $dir); })*

        #[test]
        fn $coverage() {
            let mut on_disk: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/", $group))
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

fixtures! {
    "projects",
    every_fixture_project_has_a_test,
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
    local_settings_unconditional => "local-settings-unconditional",
    lone_settings => "lone-settings",
    missing_module => "missing-module",
    non_utf8 => "non-utf8",
    pinned_django => "pinned-django",
    secret_key_fallbacks => "secret-key-fallbacks",
    secure_settings => "secure-settings",
    silenced_system_checks => "silenced-system-checks",
    settings_init_selector => "settings-init-selector",
    split_settings_selector => "split-settings-selector",
    staging_deployed => "staging-deployed",
    star_chain_three_levels => "star-chain-three-levels",
    string_methods => "string-methods",
    syntax_error => "syntax-error",
    wsgi_default_dev => "wsgi-default-dev",
}

mod idioms {
    use super::lint;

    fixtures! {
        "idioms",
        every_idiom_fixture_has_a_test,
        committed_files => "committed-files",
        credential_lookalikes => "credential-lookalikes",
        credential_url_defaults => "credential-url-defaults",
        dbca_utils_env => "dbca-utils-env",
        decouple_basic => "decouple-basic",
        decouple_choices => "decouple-choices",
        dj_database_url => "dj-database-url",
        email_cache_urls => "email-cache-urls",
        environ_copy => "environ-copy",
        environs_settings => "environs-settings",
        exec_conf_files => "exec-conf-files",
        configurations_object_mixins => "configurations-object-mixins",
        django_configurations => "django-configurations",
        django_environ_basic => "django-environ-basic",
        django_environ_methods => "django-environ-methods",
        for_loop => "for-loop",
        generated_secret_fallback => "generated-secret-fallback",
        format_and_comprehensions => "format-and-comprehensions",
        globals_helpers => "globals-helpers",
        globals_passed_to_call => "globals-passed-to-call",
        helper_computed_values => "helper-computed-values",
        helper_envbool => "helper-envbool",
        helper_global_statements => "helper-global-statements",
        helper_literal_eval => "helper-literal-eval",
        helper_strtobool => "helper-strtobool",
        heroku => "heroku",
        if_on_debug => "if-on-debug",
        library_values => "library-values",
        match_statement => "match-statement",
        method_on_unset => "method-on-unset",
        optional_local_missing => "optional-local-missing",
        optional_absolute_override => "optional-absolute-override",
        optional_local_settings => "optional-local-settings",
        paths => "paths",
        raise_unknown_environment => "raise-unknown-environment",
        required_reraise => "required-reraise",
        secret_file_fallback => "secret-file-fallback",
        split_settings => "split-settings",
        suppress_optional_override => "suppress-optional-override",
        stdlib_conversions => "stdlib-conversions",
        unknown_constructs => "unknown-constructs",
    }
}

mod soundness {
    use super::lint;

    fixtures! {
        "soundness",
        every_soundness_fixture_has_a_test,
        aliasing => "aliasing",
        bound_methods_and_hashing => "bound-methods-and-hashing",
        class_methods => "class-methods",
        class_resolution_order => "class-resolution-order",
        closures_two_frames_out => "closures-two-frames-out",
        decorator_closures => "decorator-closures",
        environ_mapping_writes => "environ-mapping-writes",
        helper_write_in_branch => "helper-write-in-branch",
        import_cycle_third_module => "import-cycle-third-module",
        imported_objects_changed => "imported-objects-changed",
        library_defaults => "library-defaults",
        missing_import_fallbacks => "missing-import-fallbacks",
        module_handles => "module-handles",
        module_in_container => "module-in-container",
        module_runs_once => "module-runs-once",
        namespace_handed_to_helper => "namespace-handed-to-helper",
        plugins_by_name => "plugins-by-name",
        python_semantics => "python-semantics",
        self_update => "self-update",
        str_whitespace => "str-whitespace",
        toml_config => "toml-config",
        unknown_alias => "unknown-alias",
        unknown_container => "unknown-container",
        yaml_config => "yaml-config",
    }
}
