use super::*;

fn files(list: &[(&str, &str)]) -> impl Fn(&Path) -> Option<String> + use<> {
    let map: BTreeMap<PathBuf, String> = list
        .iter()
        .map(|(p, t)| (PathBuf::from(p), t.to_string()))
        .collect();
    move |path: &Path| map.get(path).cloned()
}

fn env_of(service: &Service) -> Vec<(&str, Option<&str>, usize)> {
    service
        .env
        .iter()
        .map(|(k, v, _, line)| (k.as_str(), v.literal(), *line))
        .collect()
}

const COMPOSE: &str = "\
x-django-env: &django-env
  DJANGO_SETTINGS_MODULE: shop.settings.production
  DATABASE_URL: postgres://shop:${POSTGRES_PASSWORD}@db/shop

services:
  web:
    build:
      context: .
      dockerfile: docker/Dockerfile
      target: production
      args:
        PYTHON_VERSION: \"3.12\"
    command: gunicorn shop.wsgi:application --bind 0.0.0.0:8000
    env_file:
      - .env.production
      - path: ./docker/optional.env
        required: false
    environment:
      <<: *django-env
      DEBUG: False
      SECRET_KEY: ${SECRET_KEY:-insecure-dev-key}
      ALLOWED_HOSTS: ${ALLOWED_HOSTS}
      SENTRY_DSN:
  worker:
    extends: web
    command: [\"celery\", \"-A\", \"shop\", \"worker\"]
    environment:
      - C_FORCE_ROOT=1
      - REDIS_URL
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_PASSWORD: $${LITERAL}
  proxy:
    build: ./nginx
";

#[test]
fn services_with_environment_build_and_command() {
    let read = files(&[(
        "/repo/.env",
        "POSTGRES_PASSWORD=devpass\nREDIS_URL=redis://cache:6379\n",
    )]);
    let services = services(Path::new("/repo/docker-compose.yml"), COMPOSE, &read).unwrap();
    let names: Vec<(&str, usize)> = services.iter().map(|s| (s.name.as_str(), s.line)).collect();
    assert_eq!(
        names,
        [("web", 6), ("worker", 24), ("db", 30), ("proxy", 34)]
    );
    let web = &services[0];
    assert_eq!(
        env_of(web),
        vec![
            ("DEBUG", Some("false"), 20),
            ("SECRET_KEY", Some("insecure-dev-key"), 21),
            ("ALLOWED_HOSTS", None, 22),
            ("SENTRY_DSN", None, 23),
            (
                "DJANGO_SETTINGS_MODULE",
                Some("shop.settings.production"),
                2
            ),
            ("DATABASE_URL", Some("postgres://shop:devpass@db/shop"), 3),
        ]
    );
    let build = web.build.as_ref().unwrap();
    assert_eq!(build.context, PathBuf::from("/repo"));
    assert_eq!(build.dockerfile, PathBuf::from("/repo/docker/Dockerfile"));
    assert_eq!(build.target.as_deref(), Some("production"));
    assert_eq!(build.args["PYTHON_VERSION"], "3.12");
    assert_eq!(web.command.as_ref().unwrap().argv[0], "gunicorn");
    assert_eq!(
        web.env_files,
        vec![
            EnvFileRef {
                path: "/repo/.env.production".into(),
                required: true,
                file: "/repo/docker-compose.yml".into(),
                line: 15
            },
            EnvFileRef {
                path: "/repo/docker/optional.env".into(),
                required: false,
                file: "/repo/docker-compose.yml".into(),
                line: 16
            },
        ]
    );
    // `extends` brings the base's environment, build and env files under the service's own.
    let worker = &services[1];
    assert_eq!(
        worker.command.as_ref().unwrap().argv,
        ["celery", "-A", "shop", "worker"]
    );
    assert_eq!(worker.build, web.build);
    let worker_env = env_of(worker);
    assert_eq!(
        worker_env[worker_env.len() - 2..],
        [
            ("C_FORCE_ROOT", Some("1"), 28),
            ("REDIS_URL", Some("redis://cache:6379"), 29)
        ]
    );
    assert_eq!(worker.env_files.len(), 2);
    let db = &services[2];
    assert_eq!(db.image.as_deref(), Some("postgres:16-alpine"));
    assert_eq!(
        env_of(db),
        vec![("POSTGRES_PASSWORD", Some("${LITERAL}"), 33)]
    );
    assert_eq!(
        services[3].build.as_ref().unwrap().dockerfile,
        PathBuf::from("/repo/nginx/Dockerfile")
    );
}

#[test]
fn unset_variables_say_why() {
    let read = files(&[]);
    let services = services(Path::new("/repo/compose.yaml"), COMPOSE, &read).unwrap();
    let web = &services[0];
    let reasons: BTreeMap<&str, &EnvValue> =
        web.env.iter().map(|(k, v, ..)| (k.as_str(), v)).collect();
    assert_eq!(
        reasons["ALLOWED_HOSTS"],
        &EnvValue::Unknown(
            "`${ALLOWED_HOSTS}` depends on `ALLOWED_HOSTS`, which no committed .env sets".into()
        )
    );
    assert_eq!(
        reasons["SENTRY_DSN"],
        &EnvValue::Unknown("passed through from the host running compose".into())
    );
    assert!(reasons["DATABASE_URL"].literal().is_none());
}

#[test]
fn cross_file_extends_and_version_one_files() {
    let common = "services:\n  base:\n    build: .\n    environment:\n      DJANGO_SETTINGS_MODULE: app.settings.base\n";
    let read = files(&[("/repo/common.yml", common)]);
    let text = "services:\n  web:\n    extends:\n      file: common.yml\n      service: base\n    command: python manage.py runserver\n";
    let services = services(Path::new("/repo/docker-compose.override.yml"), text, &read).unwrap();
    assert_eq!(services[0].env[0].2, PathBuf::from("/repo/common.yml"));
    assert_eq!(services[0].env[0].3, 5);
    let v1 = "web:\n  build: .\n  environment:\n    - DEBUG=1\nredis:\n  image: redis\n";
    let services = super::services(Path::new("/repo/docker-compose.yml"), v1, &files(&[])).unwrap();
    assert_eq!(
        services.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["web", "redis"]
    );
}

#[test]
fn extends_cycles_stop() {
    let text = "services:\n  a:\n    extends: b\n  b:\n    extends: a\n  c:\n    extends:\n      file: docker-compose.yml\n      service: c\n";
    let read = files(&[("/r/docker-compose.yml", text)]);
    let services = services(Path::new("/r/docker-compose.yml"), text, &read).unwrap();
    assert_eq!(services.len(), 3);
}

#[test]
fn images_that_run_no_django() {
    for (image, name) in [
        ("postgres:16", Some("postgres")),
        ("bitnami/redis:7.2", Some("redis")),
        ("docker.io/library/nginx:1.25-alpine", Some("nginx")),
        ("mailhog/mailhog", Some("mailhog")),
        ("node:20-alpine@sha256:abc", Some("node")),
        ("ghcr.io/acme/shop-web:latest", None),
        ("python:3.12", None),
    ] {
        assert_eq!(not_django_image(image).as_deref(), name, "{image}");
    }
}

#[test]
fn source_mounts_are_the_project_folder_bind_mounted() {
    let text = "\
services:
  web:
    build: .
    volumes:
      - static:/app/static
      - ./config/nginx.conf:/etc/nginx/conf.d/site.conf
      - ${PWD}:/app
  worker:
    image: python:3.12
    volumes:
      - type: bind
        source: ./backend
        target: /srv
  db:
    image: postgres
    volumes:
      - ./data:/var/lib/postgresql/data
";
    let read = files(&[("/r/backend/manage.py", "")]);
    let services = services(Path::new("/r/docker-compose.yml"), text, &read).unwrap();
    let mount = |name: &str| {
        services
            .iter()
            .find(|s| s.name == name)
            .unwrap()
            .source_mount
            .as_ref()
            .map(|(_, line)| *line)
    };
    // `${PWD}` is the build context; `./backend` holds manage.py; a data folder is no source.
    assert_eq!(mount("web"), Some(7));
    assert_eq!(mount("worker"), Some(11));
    assert_eq!(mount("db"), None);
}

#[test]
fn compose_files_by_other_names_are_recognised_by_their_services() {
    use super::looks_like_compose;
    let stack = "version: '3.1'\n\nvolumes:\n    db:\n        driver: local\n\nservices:\n  app:\n    environment:\n      A: b\n    image: example/app:1\n";
    assert!(looks_like_compose(stack));
    let built = "services: # the site\n  web:\n    build: .\n";
    assert!(looks_like_compose(built));
    // Drone's and similar CI files list service images; a values file nests them.
    let drone = "kind: pipeline\nservices:\n- name: db\n  image: postgres\n";
    assert!(!looks_like_compose(drone));
    let values = "app:\n  services:\n    web:\n      image: x\n";
    assert!(!looks_like_compose(values));
    let empty = "services:\n  web:\n    ports:\n      - 80\n";
    assert!(!looks_like_compose(empty));
}
