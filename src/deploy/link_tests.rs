use super::*;
use crate::deploy::Process;

fn file(path: &str, kind: SourceKind, text: &str) -> DeployFile {
    DeployFile {
        path: path.into(),
        kind,
        text: text.into(),
    }
}

#[test]
fn entrypoint_script_exports_and_hands_over_to_cmd() {
    let dockerfile = "\
FROM python:3.12-slim
WORKDIR /app
COPY ./compose/production/django/entrypoint /entrypoint
COPY ./compose/production/django/start /start
COPY . /app
ENTRYPOINT [\"/entrypoint\"]
CMD [\"/start\"]
";
    let entrypoint = "#!/bin/bash\nset -o errexit\nexport DJANGO_SETTINGS_MODULE=config.settings.production\nexec \"$@\"\n";
    let start = "#!/bin/bash\npython /app/manage.py collectstatic --noinput\nexec /usr/local/bin/gunicorn config.asgi --bind 0.0.0.0:5000 --chdir=/app -k uvicorn.workers.UvicornWorker\n";
    let files = vec![file(
        "/r/compose/production/django/Dockerfile",
        SourceKind::Dockerfile,
        dockerfile,
    )];
    let scripts: BTreeMap<PathBuf, String> = [
        ("/r/compose/production/django/entrypoint", entrypoint),
        ("/r/compose/production/django/start", start),
    ]
    .into_iter()
    .map(|(p, t)| (PathBuf::from(p), t.to_string()))
    .collect();
    let read = move |p: &Path| scripts.get(p).cloned();
    let linker = Linker::new(&files, &read);
    let found = linker.dockerfile(
        Path::new("/r/compose/production/django/Dockerfile"),
        dockerfile,
    );
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!(
        d.settings_module()
            .map(|(m, o)| (m, o.file.clone(), o.line)),
        Some((
            "config.settings.production",
            PathBuf::from("/r/compose/production/django/entrypoint"),
            3
        ))
    );
    // The entrypoint hands over to CMD, `/start`, which is also a script: its server runs.
    let command = d.command.as_ref().unwrap();
    assert_eq!(command.process, Process::Server("gunicorn".into()));
    assert_eq!(command.app_module.as_deref(), Some("config.asgi"));
    assert_eq!(
        command.origin.file,
        PathBuf::from("/r/compose/production/django/start")
    );
    assert!(
        linker
            .followed
            .borrow()
            .contains(Path::new("/r/compose/production/django/entrypoint"))
    );
}

#[test]
fn compose_service_inherits_the_stage_it_builds() {
    let dockerfile = "\
FROM python:3.12 AS base
ENV DJANGO_SETTINGS_MODULE=shop.settings.production PYTHONUNBUFFERED=1
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT [\"docker-entrypoint.sh\"]
CMD [\"gunicorn\", \"shop.wsgi\"]
FROM base AS dev
ENV DJANGO_SETTINGS_MODULE=shop.settings.dev
CMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]
";
    let compose = "\
services:
  web:
    build:
      context: .
      target: base
    env_file: .env.docker
    environment:
      DEBUG: \"0\"
  dev:
    build:
      context: .
      target: dev
  worker:
    build: .
    command: celery -A shop worker
  missing:
    build: ./other
    env_file: [prod.env]
  db:
    image: postgres:16
";
    let entry = "#!/bin/sh\npython manage.py migrate\nexec \"$@\"\n";
    let files = vec![file("/r/Dockerfile", SourceKind::Dockerfile, dockerfile)];
    let others: BTreeMap<PathBuf, String> = [
        ("/r/docker-entrypoint.sh", entry),
        ("/r/.env.docker", "SECRET_KEY=abc\nDEBUG=1\n"),
    ]
    .into_iter()
    .map(|(p, t)| (PathBuf::from(p), t.to_string()))
    .collect();
    let read = move |p: &Path| others.get(p).cloned();
    let linker = Linker::new(&files, &read);
    let path = Path::new("/r/docker-compose.yml");
    let services = compose::services(path, compose, &read).unwrap();
    let found: Vec<Deployment> = services.iter().map(|s| linker.service(path, s)).collect();
    let summary: Vec<_> = found
        .iter()
        .map(|d| {
            (
                d.name.as_deref().unwrap(),
                d.command.as_ref().map(|c| c.process.clone()),
                d.settings_module().map(|(m, _)| m),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "web",
                Some(Process::Server("gunicorn".into())),
                Some("shop.settings.production")
            ),
            ("dev", Some(Process::DevServer), Some("shop.settings.dev")),
            (
                "worker",
                Some(Process::Worker("celery".into())),
                Some("shop.settings.dev")
            ),
            ("missing", None, None),
            ("db", Some(Process::NotDjango("postgres".into())), None),
        ]
    );
    let web = &found[0];
    // environment over env_file over the image's ENV.
    assert_eq!(web.env["DEBUG"].value.literal(), Some("0"));
    assert_eq!(web.env["DEBUG"].origin, Origin::new(path, 8));
    assert_eq!(
        web.env["SECRET_KEY"].origin,
        Origin::new(Path::new("/r/.env.docker"), 1)
    );
    assert_eq!(
        web.env["PYTHONUNBUFFERED"].origin,
        Origin::new(Path::new("/r/Dockerfile"), 2)
    );
    let notes: Vec<&str> = found[3].notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        notes,
        [
            "builds /r/other/Dockerfile, which is not in the repository: the image's environment and command are unknown",
            "env_file /r/prod.env is not in the repository: the variables it sets are unknown",
        ]
    );
}

#[test]
fn a_python_program_is_not_read_as_a_shell_script() {
    // The image runs a Python tool: its `private_key=...` keyword arguments are no exports.
    let dockerfile = "\
FROM python:3.12-slim
WORKDIR /app
COPY tools/renew.py /app/renew.py
ENTRYPOINT python renew.py
";
    let program = "import sys\n\nsign(private_key='-----BEGIN KEY-----', passphrase='hunter2')\n";
    let files = vec![file("/r/Dockerfile", SourceKind::Dockerfile, dockerfile)];
    let read = move |p: &Path| (p == Path::new("/r/tools/renew.py")).then(|| program.to_string());
    let linker = Linker::new(&files, &read);
    let found = linker.dockerfile(Path::new("/r/Dockerfile"), dockerfile);
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .env
            .keys()
            .all(|name| !name.contains("private_key") && name != "passphrase"),
        "{:?}",
        found[0].env
    );
    assert!(linker.followed.borrow().is_empty());
    assert!(is_python_program(
        Path::new("bin/tool"),
        "#!/usr/bin/env python3\nprint(1)\n"
    ));
    assert!(!is_python_program(
        Path::new("bin/start"),
        "#!/bin/sh\nexec gunicorn app.wsgi\n"
    ));
}
