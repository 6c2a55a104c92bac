//! Issue 8's fixture projects under testdata/deployments, one per deployment source and one per
//! rule deciding what is linted and as what (each README.md says what it shows and what djsafe
//! should say): `djsafe deployments` (text, JSON, and the matrix) and `djsafe check` (text and
//! JSON) as snapshots. The matrix is also held against `djsafe check` on every fixture: the
//! findings it marks are exactly those `check` reports for the settings it shows, each in the
//! column of the environment `check` names.

mod common;

use std::collections::BTreeSet;

use common::djsafe;
use serde_json::Value;

/// Fixtures that show djsafe doing something wrong today: no snapshot blesses it. Each README
/// says what djsafe does and what it should do; when that is fixed, the fixture moves to the
/// tested list below.
const PENDING: &[(&str, &str)] = &[];

fn snapshot(fixture: &str) {
    let path = format!("testdata/deployments/{fixture}");
    let listed = djsafe(&["deployments", &path]);
    let listed_json = djsafe(&["deployments", &path, "--output-format", "json"]);
    let matrix = djsafe(&["deployments", &path, "--matrix"]);
    for run in [&listed, &listed_json, &matrix] {
        assert_eq!(
            run.code, 0,
            "`djsafe deployments` on {fixture}: {}",
            run.stderr
        );
    }
    let parsed: Value = serde_json::from_str(&listed_json.stdout).expect("the listing parses");
    assert_eq!(parsed["version"], 1);
    let (text, json) = check(fixture);
    insta::assert_snapshot!(format!("{fixture}.deployments.txt"), listed.stdout);
    insta::assert_snapshot!(format!("{fixture}.deployments.json"), listed_json.stdout);
    insta::assert_snapshot!(format!("{fixture}.matrix.txt"), matrix.stdout);
    insta::assert_snapshot!(format!("{fixture}.check.txt"), text);
    insta::assert_snapshot!(format!("{fixture}.check.json"), json);
}

/// `djsafe check` on a fixture, text and JSON, with the exit code following the findings; the
/// matrix agrees with it.
fn check(fixture: &str) -> (String, String) {
    let path = format!("testdata/deployments/{fixture}");
    let text = djsafe(&["check", &path, "--color", "never"]);
    let json = djsafe(&["check", &path, "--output-format", "json"]);
    let report: Value = serde_json::from_str(&json.stdout).expect("the check report parses");
    let expected_code = i32::from(report["findings"].as_array().is_some_and(|f| !f.is_empty()));
    assert_eq!(text.code, expected_code, "{fixture}: {}", text.stderr);
    assert_eq!(json.code, expected_code, "{fixture}: {}", json.stderr);
    matrix_agrees_with_check(&path, &report);
    (text.stdout, json.stdout)
}

/// The matrix's JSON, checked for shape: one cell per column in every row, columns numbered
/// from 1.
fn matrix_json(path: &str) -> Value {
    let run = djsafe(&["deployments", path, "--matrix", "--output-format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let matrix: Value = serde_json::from_str(&run.stdout).expect("the matrix parses");
    assert_eq!(matrix["version"], 1);
    let columns = matrix["columns"].as_array().expect("columns");
    for (index, column) in columns.iter().enumerate() {
        assert_eq!(column["column"], index + 1);
    }
    for row in matrix["rows"].as_array().expect("rows") {
        assert_eq!(
            row["cells"].as_array().map(Vec::len),
            Some(columns.len()),
            "{}",
            row["row"]
        );
    }
    matrix
}

/// Every finding `djsafe check` reports for a settings module the matrix shows is a mark in
/// the column of the environment it holds in (its `deployment`, or variables unset), and the
/// matrix marks nothing `check` does not report (`check` reports a finding several environments
/// share once, the matrix in each).
fn matrix_agrees_with_check(path: &str, report: &Value) {
    let matrix = matrix_json(path);
    let columns = matrix["columns"].as_array().expect("columns");
    let shows = |module: &str, column: &Value| {
        let settings = column["settings"].as_str().unwrap_or_default();
        settings == module || settings.split_once(':').is_some_and(|(m, _)| m == module)
    };
    let marks_in = |index: usize| -> BTreeSet<(String, String, u64)> {
        matrix["rows"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["cells"][index]["findings"].as_array().cloned())
            .flatten()
            .map(|m| key(&m))
            .collect()
    };
    let mut reported = BTreeSet::new();
    for finding in report["findings"].as_array().into_iter().flatten() {
        let module = finding["module"].as_str().unwrap_or_default();
        if finding["rule"] == "DJS048" || !columns.iter().any(|c| shows(module, c)) {
            continue;
        }
        let environment = finding["deployment"].as_str().unwrap_or("variables unset");
        let column = columns
            .iter()
            .position(|c| shows(module, c) && c["environment"] == environment)
            .unwrap_or_else(|| panic!("{path}: no column for {module} in {environment}"));
        let found = key(finding);
        assert!(
            marks_in(column).contains(&found),
            "{path}: {found:?} is not marked in column {}",
            column + 1
        );
        reported.insert(found);
    }
    let marked: BTreeSet<_> = (0..columns.len()).flat_map(marks_in).collect();
    assert_eq!(
        marked, reported,
        "{path}: the matrix marks what check reports"
    );
}

fn key(finding: &Value) -> (String, String, u64) {
    (
        finding["rule"].as_str().unwrap_or_default().to_string(),
        finding["file"].as_str().unwrap_or_default().to_string(),
        finding["line"].as_u64().unwrap_or_default(),
    )
}

macro_rules! fixtures {
    ($($test:ident => $dir:literal,)*) => {
        $(#[test] fn $test() { snapshot($dir); })*

        /// Every folder of testdata/deployments is tested, or pending with a reason.
        #[test]
        fn every_deployment_fixture_has_a_test() {
            let mut on_disk: Vec<String> =
                std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/deployments"))
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
            on_disk.sort();
            let tested = [$($dir),*];
            for (pending, _) in PENDING {
                assert!(!tested.contains(pending), "{pending} is tested and pending");
            }
            let mut known: Vec<String> = tested
                .iter()
                .chain(PENDING.iter().map(|(name, _)| name))
                .map(|name| name.to_string())
                .collect();
            known.sort();
            assert_eq!(on_disk, known);
        }
    };
}

fixtures! {
    ansible_copied_settings => "ansible-copied-settings",
    app_engine => "app-engine",
    app_engine_platform_variables => "app-engine-platform-variables",
    ci_tests_and_wsgi_default => "ci-tests-and-wsgi-default",
    compose_dev_and_prod => "compose-dev-and-prod",
    compose_development_companions => "compose-development-companions",
    compose_dev_names_other_settings => "compose-dev-names-other-settings",
    compose_override_checkout_mount => "compose-override-checkout-mount",
    compose_services => "compose-services",
    compose_shared_credentials => "compose-shared-credentials",
    compose_worker_profile => "compose-worker-profile",
    compose_build_target_stage => "compose-build-target-stage",
    computed_include => "computed-include",
    configurations_across_modules => "configurations-across-modules",
    configurations_class_set_elsewhere => "configurations-class-set-elsewhere",
    configurations_default_development => "configurations-default-development",
    configurations_module_named_class_defaulted => "configurations-module-named-class-defaulted",
    dockerfile_entrypoint_script => "dockerfile-entrypoint-script",
    dockerfile_copied_settings => "dockerfile-copied-settings",
    dockerfile_multistage => "dockerfile-multistage",
    dockerfile_pythonpath_settings => "dockerfile-pythonpath-settings",
    dockerfile_uwsgi_conf => "dockerfile-uwsgi-conf",
    empty_settings_package => "empty-settings-package",
    entry_point_platform_selector => "entry-point-platform-selector",
    flask_only_procfile => "flask-only-procfile",
    flask_settings => "flask-settings",
    flask_settings_in_django_repo => "flask-settings-in-django-repo",
    fly_toml => "fly-toml",
    gunicorn_conf => "gunicorn-conf",
    helm => "helm",
    helm_ci_values => "helm-ci-values",
    helm_configmap_settings => "helm-configmap-settings",
    helm_envfrom_configmap => "helm-envfrom-configmap",
    heroku_yml => "heroku-yml",
    heroku_yml_app_json => "heroku-yml-app-json",
    init_selector_by_env => "init-selector-by-env",
    kubernetes => "kubernetes",
    kubernetes_configmap_settings => "kubernetes-configmap-settings",
    kubernetes_literal_credential => "kubernetes-literal-credential",
    kubernetes_published_image => "kubernetes-published-image",
    leftover_project_package => "leftover-project-package",
    manage_py_default_server_elsewhere => "manage-py-default-server-elsewhere",
    namespace_package => "namespace-package",
    platform_sh => "platform-sh",
    platform_sh_platform_variables => "platform-sh-platform-variables",
    probed_comparisons => "probed-comparisons",
    procfile_app_json => "procfile-app-json",
    production_ci_compose => "production-ci-compose",
    published_image_entrypoint => "published-image-entrypoint",
    procfile_default_is_base => "procfile-default-is-base",
    render_platform_variables => "render-platform-variables",
    render_yaml => "render-yaml",
    runserver_vs_gunicorn => "runserver-vs-gunicorn",
    runserver_through_manage_default => "runserver-through-manage-default",
    secrets_in_dotenv => "secrets-in-dotenv",
    secrets_in_files => "secrets-in-files",
    sed_edited_copy => "sed-edited-copy",
    selector_literal_key_in_branch => "selector-literal-key-in-branch",
    stale_production_sibling => "stale-production-sibling",
    shell_script => "shell-script",
    shop => "shop",
    split_settings_fragments => "split-settings-fragments",
    supervisor => "supervisor",
    swarm_stack => "swarm-stack",
    switch_selected_settings => "switch-selected-settings",
    systemd => "systemd",
    test_configuration => "test-configuration",
    uwsgi_ini => "uwsgi-ini",
    wsgi_default_decides => "wsgi-default-decides",
    wsgi_fallback_dev => "wsgi-fallback-dev",
    dockerignored_dev_settings => "dockerignored-dev-settings",
    digitalocean_build_time_env => "digitalocean-build-time-env",
    elastic_beanstalk => "elastic-beanstalk",
    railway => "railway",
    clevercloud_python => "clevercloud-python",
    circleci_jobs => "circleci-jobs",
    selector_on_settings_module => "selector-on-settings-module",
    start_script_settings => "start-script-settings",
    build_step_keeps_named_profile => "build-step-keeps-named-profile",
}

/// The matrix's JSON shape, on fixtures where it says most: selectors and probed environments,
/// a secret in a deployment file, and the bundled example.
#[test]
fn matrix_json_snapshots() {
    for (name, path) in [
        (
            "init-selector-by-env",
            "testdata/deployments/init-selector-by-env",
        ),
        ("secrets-in-files", "testdata/deployments/secrets-in-files"),
        ("dblood", "testdata/projects/dblood"),
    ] {
        let json = djsafe(&["deployments", path, "--matrix", "--output-format", "json"]);
        insta::assert_snapshot!(format!("{name}.matrix.json"), json.stdout);
    }
}

/// The matrix agrees with `djsafe check` on the construct fixtures too (testdata/projects),
/// whose deployments are simpler but whose settings are not.
#[test]
fn matrix_agrees_with_check_on_every_project_fixture() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/projects");
    let mut projects: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    projects.sort();
    for project in projects {
        let path = format!("testdata/projects/{project}");
        let json = djsafe(&["check", &path, "--output-format", "json"]);
        let report: Value = serde_json::from_str(&json.stdout).expect("the check report parses");
        matrix_agrees_with_check(&path, &report);
    }
}

/// README.md shows the dblood matrix as djsafe prints it.
#[test]
fn readme_shows_the_dblood_matrix() {
    let matrix = djsafe(&["deployments", "testdata/projects/dblood", "--matrix"]);
    assert_eq!(matrix.code, 0);
    let first_line = matrix
        .stdout
        .lines()
        .next()
        .expect("the matrix has a title");
    assert_eq!(common::readme::readme_block(first_line), matrix.stdout);
}
