//! `collect` end to end on a fixture project on disk: file kinds from names and texts, then
//! every source read and linked.

use std::path::{Path, PathBuf};

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/deployments")
        .join(name)
}

/// The deployment files of a folder, as discovery finds them.
fn deploy_files(root: &Path) -> Vec<DeployFile> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let Some(candidate) = source_kind(path) else {
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        if let Some(kind) = candidate.decide(&text) {
            files.push(DeployFile {
                path: path.to_path_buf(),
                kind,
                text,
            });
        }
    }
    files
}

/// One line per deployment: where, kind, name, role, process and application, settings module
/// and where it is set.
fn summary(root: &Path) -> Vec<String> {
    let files = deploy_files(root);
    let read = |path: &Path| std::fs::read_to_string(path).ok();
    let at = |origin: &Origin| {
        format!(
            "{}:{}",
            origin.file.strip_prefix(root).unwrap().display(),
            origin.line
        )
    };
    collect(&files, &read)
        .iter()
        .map(|d| {
            let command = d.command.as_ref().map_or("-".to_string(), |c| {
                format!(
                    "{:?}{}",
                    c.process,
                    c.app_module
                        .as_ref()
                        .map_or(String::new(), |m| format!(" {m}"))
                )
            });
            let module = d
                .settings_module()
                .map_or("-".to_string(), |(m, o)| format!("{m} @{}", at(o)));
            format!(
                "{} {:?} {} {:?} [{command}] {module}",
                at(&d.origin),
                d.kind,
                d.name.as_deref().unwrap_or("-"),
                d.role
            )
        })
        .collect()
}

#[test]
fn every_source_of_a_project() {
    let root = fixture("shop");
    let expected = [
        ".github/workflows/ci.yml:4 CiWorkflow test Test [Tests] shop.settings.test @.github/workflows/ci.yml:11",
        "Dockerfile:10 Dockerfile base Build [Build(\"collectstatic\")] shop.settings.production @Dockerfile:10",
        "Dockerfile:16 Dockerfile production Runs [Server(\"gunicorn\") shop.wsgi] shop.settings.production @docker/entrypoint.sh:3",
        "Procfile:1 Procfile release Runs [Management(\"migrate\")] shop.settings.production @app.json:4",
        "Procfile:2 Procfile web Runs [Server(\"gunicorn\") shop.wsgi] shop.settings.production @app.json:4",
        "Procfile:3 Procfile worker Runs [Worker(\"celery\")] shop.settings.production @app.json:4",
        "bin/start:3 Shell start Runs [Server(\"uvicorn\") shop.asgi] shop.settings.staging @bin/start:3",
        "deploy/shop.service:7 Systemd shop Runs [Server(\"gunicorn\") shop.wsgi] shop.settings.production @deploy/shop.service:5",
        "docker-compose.yml:21 Compose worker Runs [Worker(\"celery\")] shop.settings.production @docker/entrypoint.sh:3",
        "docker-compose.yml:24 Compose db Runs [NotDjango(\"postgres\")] -",
        "docker-compose.yml:8 Compose web Runs [Server(\"gunicorn\") shop.wsgi] shop.settings.production @docker/entrypoint.sh:3",
        "docker-compose.yml:15 Compose dev Runs [DevServer] shop.settings.dev @Dockerfile:13",
        "fly.toml:1 FlyToml shop Runs [Server(\"gunicorn\") shop.wsgi] shop.settings.staging @fly.toml:7",
        "fly.toml:10 FlyToml release Runs [Management(\"migrate\")] shop.settings.staging @fly.toml:7",
        "k8s/deployment.yaml:9 Kubernetes shop/web Runs [Server(\"gunicorn\") shop.wsgi] shop.settings.production @k8s/configmap.yaml:6",
        "manage.py:10 EntryPoint - Fallback [-] shop.settings.dev @manage.py:10",
        "pytest.ini:2 TestConfig pytest Test [Tests] shop.settings.test @pytest.ini:2",
        "shop/wsgi.py:5 EntryPoint - Fallback [-] shop.settings.production @shop/wsgi.py:5",
    ];
    let mut got = summary(&root);
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn linked_details() {
    let root = fixture("shop");
    let files = deploy_files(&root);
    let read = |path: &Path| std::fs::read_to_string(path).ok();
    let found = collect(&files, &read);
    let find = |kind: SourceKind, name: &str| {
        found
            .iter()
            .find(|d| d.kind == kind && d.name.as_deref() == Some(name))
            .unwrap()
    };
    let web = find(SourceKind::Compose, "web");
    // environment (with the default of its interpolation) over env_file over the image's ENV.
    assert_eq!(
        web.env["SECRET_KEY"].value.literal(),
        Some("compose-insecure-key")
    );
    assert_eq!(
        web.env["DATABASE_URL"].origin.file,
        root.join(".env.docker")
    );
    assert_eq!(web.env["APP_ENV"].value.literal(), Some("production"));
    assert!(web.env["ALLOWED_HOSTS"].value.literal().is_none());
    // gunicorn.conf.py joined the image's `gunicorn -c gunicorn.conf.py`.
    assert_eq!(web.env["DEBUG"].origin.file, root.join("gunicorn.conf.py"));
    let dev = find(SourceKind::Compose, "dev");
    assert_eq!(
        dev.env["DEBUG"].value.literal(),
        Some("True"),
        "interpolated from .env"
    );
    let web_process = find(SourceKind::Procfile, "web");
    assert_eq!(
        web_process.env["SECRET_KEY"].value,
        EnvValue::Unknown("generated by Heroku (generator: secret)".into())
    );
    let systemd = find(SourceKind::Systemd, "shop");
    assert_eq!(systemd.notes.len(), 1);
    // The entrypoint script and the gunicorn config are part of the image, not listed alone.
    assert!(!found.iter().any(|d| d.kind == SourceKind::GunicornConfig));
    assert!(
        !found
            .iter()
            .any(|d| d.origin.file.ends_with("docker/entrypoint.sh"))
    );
    // Stable: the same input gives the same list.
    assert_eq!(collect(&files, &read), found);
}

/// Bad input never panics or hangs: every kind of file with every kind of garbage.
#[test]
fn garbage_in_every_kind_of_file() {
    let garbage = [
        "",
        "\u{feff}",
        "{{ .Values }}\n  - name: [",
        "services:\n  web: *undefined\n",
        "a: &a [*a]\n",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "- - - - - - - -\n",
        "env:\n- name:\n  value:\n",
        "FROM\nENV\nCMD [\"\nENTRYPOINT\nRUN <<EOF\n",
        "web:\nrelease: \"\n",
        "[Service]\nExecStart=\nEnvironment=\"\n",
        "[program:]\ncommand=\nenvironment=,,,=\n",
        "os.environ.setdefault(\nraw_env = [\nsys.path.insert(",
        "spec:\n  services: 3\nservices: [1, 2]\njobs: {a: 1}\n",
        "apiVersion: v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: 7\n",
        "\0\0\0\r\r\n\t",
    ];
    let kinds = [
        SourceKind::Dockerfile,
        SourceKind::Compose,
        SourceKind::Procfile,
        SourceKind::AppJson,
        SourceKind::HerokuYml,
        SourceKind::FlyToml,
        SourceKind::RenderYaml,
        SourceKind::PlatformSh,
        SourceKind::AppEngine,
        SourceKind::Kubernetes,
        SourceKind::Helm,
        SourceKind::Systemd,
        SourceKind::GunicornConfig,
        SourceKind::Uwsgi,
        SourceKind::Supervisor,
        SourceKind::Shell,
        SourceKind::EntryPoint,
        SourceKind::TestConfig,
        SourceKind::CiWorkflow,
        SourceKind::DigitalOcean,
        SourceKind::ElasticBeanstalk,
        SourceKind::Railway,
        SourceKind::CleverCloud,
    ];
    let mut files = Vec::new();
    for (k, kind) in kinds.iter().enumerate() {
        for (g, text) in garbage.iter().enumerate() {
            let name = match kind {
                SourceKind::Helm => format!("chart{k}-{g}/values.yaml"),
                SourceKind::TestConfig => format!("t{k}-{g}/tox.ini"),
                _ => format!("d{k}-{g}/file"),
            };
            files.push(DeployFile {
                path: PathBuf::from("/nowhere").join(name),
                kind: *kind,
                text: text.to_string(),
            });
        }
    }
    let read = |_: &Path| None;
    let start = std::time::Instant::now();
    let first = collect(&files, &read);
    assert_eq!(collect(&files, &read), first);
    assert!(start.elapsed().as_secs() < 5);
}

/// A `Procfile` beside `.ebextensions` replaces `WSGIPath`: Elastic Beanstalk runs its processes,
/// with the environment properties under what each process sets itself.
#[test]
fn beanstalk_procfile_gets_the_environment_properties() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join(".ebextensions")).unwrap();
    std::fs::write(
        root.join(".ebextensions/django.config"),
        "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    DJANGO_SETTINGS_MODULE: shop.settings.production\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: shop.wsgi:application\n",
    )
    .unwrap();
    std::fs::write(
        root.join("Procfile"),
        "web: gunicorn shop.wsgi --bind :8000\nworker: DJANGO_SETTINGS_MODULE=shop.settings.worker celery -A shop worker\n",
    )
    .unwrap();
    assert_eq!(
        summary(root),
        [
            "Procfile:1 Procfile web Runs [Server(\"gunicorn\") shop.wsgi] shop.settings.production @.ebextensions/django.config:3",
            "Procfile:2 Procfile worker Runs [Worker(\"celery\")] shop.settings.worker @Procfile:2",
        ]
    );
}

/// Railway's config without `startCommand` beside a `Procfile`: Railway runs the Procfile's
/// processes, which get what Railway sets; the config adds no deployment of its own.
#[test]
fn railway_runs_the_procfile_beside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(
        root.join("railway.json"),
        "{\"build\": {\"builder\": \"NIXPACKS\"}, \"deploy\": {\"numReplicas\": 1}}\n",
    )
    .unwrap();
    std::fs::write(root.join("Procfile"), "web: gunicorn shop.wsgi\n").unwrap();
    assert_eq!(
        summary(root),
        ["Procfile:1 Procfile web Runs [Server(\"gunicorn\") shop.wsgi] -"]
    );
    let files = deploy_files(root);
    let read = |path: &Path| std::fs::read_to_string(path).ok();
    let web = &collect(&files, &read)[0];
    assert!(
        web.env["RAILWAY_ENVIRONMENT_NAME"]
            .value
            .literal()
            .is_none()
    );
}
