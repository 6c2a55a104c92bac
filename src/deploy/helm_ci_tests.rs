use super::*;

#[test]
fn environments_of_values_file_names() {
    assert_eq!(environment_of("preprod-values.yaml"), "preprod");
    assert_eq!(environment_of("values.staging.yaml"), "staging");
    assert_eq!(environment_of("values_prod_eu.yml"), "prod-eu");
    assert_eq!(environment_of("values.yaml"), "values");
}

#[test]
fn helm_commands_with_script_arguments() {
    let top = Path::new("testdata/deployments/helm-ci-values");
    let words = [
        "helm",
        "upgrade",
        "--install",
        "library-staging",
        "./deploy/chart",
        "--namespace",
        "library",
        "-f",
        "$1",
        "--values=deploy/ci/extra.yaml",
    ];
    assert_eq!(
        helm_values(&words, &["deploy/ci/staging-values.yaml"], top),
        [
            (
                top.join("deploy/chart"),
                top.join("deploy/ci/staging-values.yaml")
            ),
            (top.join("deploy/chart"), top.join("deploy/ci/extra.yaml")),
        ]
    );
    // Without the argument, or for a chart that is not in the repository, nothing.
    assert!(helm_values(&words, &[], top).len() == 1);
    assert!(
        helm_values(
            &["helm", "upgrade", "x", "repo/chart", "-f", "v.yaml"],
            &[],
            top
        )
        .is_empty()
    );
    assert!(helm_values(&["helm", "repo", "add", "x", "./deploy/chart"], &[], top).is_empty());
}

#[test]
fn ci_steps_calling_a_deploy_script() {
    let top = PathBuf::from("testdata/deployments/helm-ci-values");
    let workflow = top.join(".github/workflows/deploy.yml");
    let files = vec![DeployFile {
        path: workflow.clone(),
        kind: SourceKind::CiWorkflow,
        text: std::fs::read_to_string(&workflow).unwrap(),
    }];
    let read = |path: &Path| std::fs::read_to_string(path).ok();
    assert_eq!(
        ci_values_files(&files, &read),
        [(
            top.join("deploy/chart"),
            top.join("deploy/ci/staging-values.yaml")
        )]
    );
    let mut shaped = siblings(&top.join("deploy/ci/staging-values.yaml"));
    shaped.sort();
    assert_eq!(
        shaped,
        [
            top.join("deploy/ci/postgres-values.yaml"),
            top.join("deploy/ci/production-values.yaml"),
        ]
    );
    let keys = |text: &str| top_keys(&yaml::parse_one(text).unwrap());
    let chart = keys("deployEnv: x\nimage: {}\nweb: {}\nsettings: {}\n");
    assert!(sets_chart_keys(&keys("deployEnv: y\nweb: {}\n"), &chart));
    assert!(!sets_chart_keys(&keys("auth: {}\nprimary: {}\n"), &chart));
}

#[test]
fn a_release_with_a_values_file_from_outside_the_repository() {
    let top = Path::new("testdata/deployments/helm-configmap-settings");
    let chart = top.join("chart/newsroom");
    let script = |text: &str| DeployFile {
        path: top.join("deploy/release.sh"),
        kind: SourceKind::Shell,
        text: text.to_string(),
    };
    let mut charts = BTreeMap::new();
    charts.insert(chart.clone(), (Vec::new(), Vec::new()));
    let none = |_: &Path| None;
    let published =
        "helm upgrade --install production newsroom/newsroom -n news -f \"$1\" --atomic\n";
    let found = outside_values(&[script(published)], &BTreeSet::new(), &charts, &none);
    assert_eq!(found.len(), 1);
    let (root, path, (environment, reason)) = &found[0];
    assert_eq!((root, path), (&chart, &top.join("deploy/release.sh")));
    assert_eq!(environment, "production");
    assert!(
        reason.contains("`$1`") && reason.contains("release.sh (line 1)"),
        "{reason}"
    );
    // By the chart's folder too; the release named by a variable takes the script's name.
    let local = "helm install $RELEASE ../chart/newsroom --values=$VALUES\n";
    let found = outside_values(&[script(local)], &BTreeSet::new(), &charts, &none);
    assert_eq!(found[0].2.0, "release");
    // A script CI runs with its argument, a values file in the repository, another chart: none.
    let called = BTreeSet::from([top.join("deploy/release.sh")]);
    assert!(outside_values(&[script(published)], &called, &charts, &none).is_empty());
    let committed = "helm upgrade -i production newsroom/newsroom -f deploy/values.yaml\n";
    assert!(outside_values(&[script(committed)], &BTreeSet::new(), &charts, &none).is_empty());
    let other = "helm upgrade -i production bitnami/postgresql -f \"$1\"\n";
    assert!(outside_values(&[script(other)], &BTreeSet::new(), &charts, &none).is_empty());
}
