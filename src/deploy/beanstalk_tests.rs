use super::*;

fn app(files: &[(&str, &str)]) -> App {
    let mut app = App::new(PathBuf::from("shop"));
    for (name, text) in files {
        let path = PathBuf::from("shop/.ebextensions").join(name);
        app.read(&path, text).unwrap();
    }
    app
}

#[test]
fn namespaces_as_a_mapping() {
    let found = app(&[(
        "django.config",
        "\
option_settings:
  aws:elasticbeanstalk:application:environment:
    DJANGO_SETTINGS_MODULE: shop.settings.production
    DJANGO_DEBUG: 0
  aws:elasticbeanstalk:container:python:
    WSGIPath: shop.wsgi:application
    NumProcesses: 3
  aws:elasticbeanstalk:environment:proxy:staticfiles:
    /static: static
container_commands:
  02_collectstatic:
    command: \"source $PYTHONPATH/activate && python manage.py collectstatic --noinput\"
  01_migrate:
    command: \"source $PYTHONPATH/activate && python manage.py migrate --noinput\"
    leader_only: true
    env:
      DJANGO_DEBUG: 1
packages:
  yum:
    git: []
",
    )])
    .deployments(false);
    let summary: Vec<_> = found
        .iter()
        .map(|d| {
            (
                d.name.clone(),
                d.origin.line,
                d.command.as_ref().map(|c| c.process.clone()),
                d.settings_module().map(|(m, o)| (m.to_string(), o.line)),
                d.env.get("DJANGO_DEBUG").and_then(|v| v.value.literal()),
            )
        })
        .collect();
    let module = Some(("shop.settings.production".to_string(), 3));
    assert_eq!(
        summary,
        vec![
            (
                Some("01_migrate".into()),
                13,
                Some(Process::Management("migrate".into())),
                module.clone(),
                Some("1"),
            ),
            (
                Some("02_collectstatic".into()),
                11,
                Some(Process::Build("collectstatic".into())),
                module.clone(),
                Some("0"),
            ),
            (
                None,
                6,
                Some(Process::Server("Elastic Beanstalk's WSGI server".into())),
                module,
                Some("0"),
            ),
        ]
    );
    let web = &found[2];
    assert_eq!(
        web.command.as_ref().unwrap().app_module.as_deref(),
        Some("shop.wsgi")
    );
}

#[test]
fn options_as_a_list_across_files() {
    // Files apply in the order of their names: the later file's value wins.
    let found = app(&[
        (
            "01_env.config",
            "\
option_settings:
  - option_name: DJANGO_SETTINGS_MODULE
    value: shop.settings.staging
  - namespace: aws:elasticbeanstalk:application:environment
    option_name: DATABASE_URL
    value: '`{\"Fn::GetOptionSetting\": {\"OptionName\": \"DbUrl\"}}`'
",
        ),
        (
            "02_python.config",
            "\
{
  \"option_settings\": [
    {\"namespace\": \"aws:elasticbeanstalk:container:python\", \"option_name\": \"WSGIPath\", \"value\": \"shop/wsgi.py\"},
    {\"option_name\": \"DJANGO_SETTINGS_MODULE\", \"value\": \"shop.settings.production\"}
  ]
}
",
        ),
    ])
    .deployments(false);
    assert_eq!(found.len(), 1);
    let web = &found[0];
    assert_eq!(
        web.origin.file,
        Path::new("shop/.ebextensions/02_python.config")
    );
    assert_eq!(
        web.command.as_ref().unwrap().app_module.as_deref(),
        Some("shop.wsgi")
    );
    assert_eq!(
        web.settings_module().map(|(m, o)| (m, o.line)),
        Some(("shop.settings.production", 4))
    );
    assert!(web.env["DATABASE_URL"].value.literal().is_none());
}

#[test]
fn a_procfile_replaces_wsgi_path() {
    let found = app(&[(
        "django.config",
        "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: shop.wsgi\n",
    )])
    .deployments(true);
    assert!(found.is_empty());
}

#[test]
fn malformed_files_are_errors() {
    let mut app = App::new(PathBuf::from(""));
    assert!(
        app.read(Path::new(".ebextensions/a.config"), "option_settings: [\n")
            .is_err()
    );
    // Unknown shapes are ignored.
    app.read(
        Path::new(".ebextensions/b.config"),
        "option_settings: 3\ncontainer_commands: [a, b]\nResources: {}\n",
    )
    .unwrap();
    let found = app.deployments(false);
    assert_eq!(found.len(), 1);
    assert!(found[0].command.is_none() && found[0].env.is_empty());
    assert!(is_config_file(Path::new("app/.ebextensions/01.config")));
    assert!(!is_config_file(Path::new("app/ebextensions/01.config")));
    assert!(!is_config_file(Path::new("app/.ebextensions/01.yaml")));
}
