use super::*;

fn lit(value: &str) -> EnvValue {
    EnvValue::Literal(value.to_string())
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, EnvValue)> {
    pairs.iter().map(|(k, v)| (k.to_string(), lit(v))).collect()
}

fn server(name: &str, module: &str) -> (Process, Option<String>) {
    (Process::Server(name.into()), Some(module.into()))
}

fn process_and_app(text: &str) -> (Process, Option<String>) {
    let a = analyze_shell(text);
    (a.process, a.app_module)
}

#[test]
fn servers_and_their_application_modules() {
    for (text, expected) in [
        (
            "gunicorn mysite.wsgi:application --bind 0.0.0.0:8000 --workers 3",
            server("gunicorn", "mysite.wsgi"),
        ),
        (
            "gunicorn --bind 0.0.0.0:$PORT -w 4 --reload config.wsgi",
            server("gunicorn", "config.wsgi"),
        ),
        (
            "gunicorn -k uvicorn.workers.UvicornWorker -w4 -b:8000 config.asgi:application",
            server("gunicorn", "config.asgi"),
        ),
        (
            "/usr/local/bin/gunicorn config.wsgi --chdir=/app",
            server("gunicorn", "config.wsgi"),
        ),
        (
            "python -m gunicorn shop.wsgi",
            server("gunicorn", "shop.wsgi"),
        ),
        (
            "uwsgi --http :8000 --module mysite.wsgi:application --master",
            server("uwsgi", "mysite.wsgi"),
        ),
        (
            "uwsgi --wsgi-file mysite/wsgi.py --http :8000",
            server("uwsgi", "mysite.wsgi"),
        ),
        (
            "daphne -b 0.0.0.0 -p 8001 mysite.asgi:application",
            server("daphne", "mysite.asgi"),
        ),
        (
            "uvicorn config.asgi:application --host 0.0.0.0 --proxy-headers --port 8000",
            server("uvicorn", "config.asgi"),
        ),
        (
            "hypercorn --bind 0.0.0.0:8000 project.asgi:application",
            server("hypercorn", "project.asgi"),
        ),
        (
            "waitress-serve --listen=*:8000 shop.wsgi:application",
            server("waitress-serve", "shop.wsgi"),
        ),
        (
            "mod_wsgi-express start-server mysite/wsgi.py --port 80",
            server("mod_wsgi-express", "mysite.wsgi"),
        ),
        (
            "granian --interface asgi project.asgi:application",
            server("granian", "project.asgi"),
        ),
    ] {
        assert_eq!(process_and_app(text), expected, "{text}");
    }
}

#[test]
fn wrappers_are_skipped() {
    for text in [
        "newrelic-admin run-program gunicorn app.wsgi",
        "ddtrace-run gunicorn app.wsgi",
        "poetry run gunicorn app.wsgi",
        "pipenv run gunicorn app.wsgi",
        "uv run --no-sync gunicorn app.wsgi",
        "uv run --with psycopg gunicorn app.wsgi",
        "exec gunicorn app.wsgi",
        "sh -c 'python manage.py migrate && exec gunicorn app.wsgi'",
        "bash -ec \"python manage.py migrate --noinput; gunicorn app.wsgi\"",
        "/bin/sh -c \"sh -c 'gunicorn app.wsgi'\"",
        "tini -- gunicorn app.wsgi",
        "gosu app gunicorn app.wsgi",
        "wait-for-it db:5432 -- gunicorn app.wsgi",
        "bin/start-nginx bin/start-pgbouncer gunicorn app.wsgi",
        "bin/start-pgbouncer-stunnel gunicorn app.wsgi",
        "opentelemetry-instrument gunicorn app.wsgi",
        "env PYTHONUNBUFFERED=1 gunicorn app.wsgi",
    ] {
        assert_eq!(
            process_and_app(text),
            server("gunicorn", "app.wsgi"),
            "{text}"
        );
    }
}

#[test]
fn a_chain_runs_its_server() {
    let a = analyze_shell(
        "python manage.py migrate --settings=shop.settings.migrate && python manage.py collectstatic --noinput && gunicorn shop.wsgi",
    );
    assert_eq!((a.process, a.app_module), server("gunicorn", "shop.wsgi"));
    // The migrate step's --settings applies to that step, not the server.
    assert_eq!(a.env, vec![]);
}

#[test]
fn management_commands() {
    for (text, process) in [
        (
            "python manage.py runserver 0.0.0.0:8000",
            Process::DevServer,
        ),
        (
            "./manage.py runserver_plus --cert-file cert.crt",
            Process::DevServer,
        ),
        ("python3 -u manage.py test --parallel", Process::Tests),
        (
            "python manage.py collectstatic --noinput",
            Process::Build("collectstatic".into()),
        ),
        (
            "django-admin compilemessages",
            Process::Build("compilemessages".into()),
        ),
        (
            "python manage.py migrate",
            Process::Management("migrate".into()),
        ),
        (
            "python manage.py rqworker default",
            Process::Worker("rqworker".into()),
        ),
        (
            "python -m django check --deploy",
            Process::Management("check".into()),
        ),
        (
            "celery -A proj worker -l info",
            Process::Worker("celery".into()),
        ),
        ("celery --app=proj beat", Process::Worker("celery".into())),
        ("pytest --ds=proj.settings.test -x", Process::Tests),
        ("coverage run manage.py test", Process::Tests),
        ("coverage run -m pytest", Process::Tests),
        ("npm run build", Process::NotDjango("npm".into())),
        ("nginx -g 'daemon off;'", Process::NotDjango("nginx".into())),
        ("python scripts/seed.py", Process::Unknown),
        ("make serve", Process::Unknown),
    ] {
        assert_eq!(analyze_shell(text).process, process, "{text}");
    }
}

#[test]
fn settings_from_the_command() {
    let a = analyze_shell("python manage.py runserver --settings=shop.settings.dev 0.0.0.0:8000");
    assert_eq!(
        a.env,
        env(&[("DJANGO_SETTINGS_MODULE", "shop.settings.dev")])
    );
    let a =
        analyze_shell("python manage.py test --settings shop.settings.test --configuration Test");
    assert_eq!(
        a.env,
        env(&[
            ("DJANGO_SETTINGS_MODULE", "shop.settings.test"),
            ("DJANGO_CONFIGURATION", "Test")
        ])
    );
    let a = analyze_shell("DJANGO_SETTINGS_MODULE=shop.settings.prod DEBUG=0 gunicorn shop.wsgi");
    assert_eq!(
        a.env,
        env(&[
            ("DJANGO_SETTINGS_MODULE", "shop.settings.prod"),
            ("DEBUG", "0")
        ])
    );
    let a = analyze_shell(
        "gunicorn shop.wsgi --env DJANGO_SETTINGS_MODULE=shop.settings.prod -e DEBUG=False -eX=1",
    );
    assert_eq!(
        a.env,
        env(&[
            ("DJANGO_SETTINGS_MODULE", "shop.settings.prod"),
            ("DEBUG", "False"),
            ("X", "1")
        ])
    );
    let a = analyze_shell("uwsgi --ini uwsgi.ini --env DJANGO_SETTINGS_MODULE=app.settings");
    assert_eq!(a.env, env(&[("DJANGO_SETTINGS_MODULE", "app.settings")]));
    assert_eq!(a.config_file.as_deref(), Some("uwsgi.ini"));
    let a = analyze_shell("pytest --ds proj.settings.ci --dc=CI");
    assert_eq!(
        a.env,
        env(&[
            ("DJANGO_SETTINGS_MODULE", "proj.settings.ci"),
            ("DJANGO_CONFIGURATION", "CI")
        ])
    );
    let a = analyze_shell(
        "export DJANGO_SETTINGS_MODULE=a.prod; export DEBUG=0 && gunicorn a.wsgi -c gunicorn.conf.py",
    );
    assert_eq!(
        a.env,
        env(&[("DJANGO_SETTINGS_MODULE", "a.prod"), ("DEBUG", "0")])
    );
    assert_eq!(a.config_file.as_deref(), Some("gunicorn.conf.py"));
}

#[test]
fn expansions_are_unknown_values() {
    let a = analyze_shell("python manage.py runserver --settings=$SETTINGS");
    assert_eq!(
        a.env,
        vec![(
            "DJANGO_SETTINGS_MODULE".to_string(),
            EnvValue::Unknown("set from the shell expansion `$SETTINGS`".into())
        )]
    );
    let a = analyze_shell("gunicorn \"${APP_MODULE}\" --env DJANGO_SETTINGS_MODULE=$DSM");
    assert_eq!(a.app_module, None);
    assert_eq!(a.env[0].0, "DJANGO_SETTINGS_MODULE");
    assert!(a.env[0].1.literal().is_none());
}

#[test]
fn exec_form() {
    let argv: Vec<String> = [
        "gunicorn",
        "shop.wsgi:application",
        "--bind",
        "0.0.0.0:8000",
        "--env",
        "DEBUG=off",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let a = analyze_argv(&argv);
    assert_eq!((a.process, a.app_module), server("gunicorn", "shop.wsgi"));
    assert_eq!(a.env, env(&[("DEBUG", "off")]));
    // No shell in exec form: `&&` is an argument, not an operator.
    let argv: Vec<String> = ["sh", "-c", "python manage.py migrate && gunicorn a.wsgi"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        analyze_argv(&argv).process,
        Process::Server("gunicorn".into())
    );
}

#[test]
fn scripts_and_exec_of_arguments() {
    for (text, script) in [
        ("/entrypoint.sh", "/entrypoint.sh"),
        ("./bin/start", "./bin/start"),
        ("bash docker/start.sh", "docker/start.sh"),
        ("sh -e /start", "/start"),
        ("python run.py", "run.py"),
    ] {
        assert_eq!(
            analyze_shell(text).script.as_deref(),
            Some(script),
            "{text}"
        );
    }
    let a = analyze_shell("python manage.py migrate\nexec \"$@\"\n");
    assert!(a.runs_arguments);
}

#[test]
fn garbage_does_not_panic() {
    for text in [
        "",
        "--",
        "sh -c",
        "python -m",
        "gunicorn --bind",
        "uwsgi --module",
        "manage.py --settings",
        "$@",
        "exec",
        "env -u",
    ] {
        let _ = analyze_shell(text);
    }
}

#[test]
fn a_chain_ending_in_the_development_server_is_development() {
    for text in [
        "python3 manage.py migrate && python3 manage.py runserver",
        "sh -c \"python manage.py migrate && python manage.py runserver 0.0.0.0:8000\"",
    ] {
        assert_eq!(process_and_app(text).0, Process::DevServer, "{text}");
    }
}

#[test]
fn an_argument_list_with_shell_operators_is_read_as_its_chain() {
    let argv: Vec<String> = [
        "python3",
        "manage.py",
        "migrate",
        "&&",
        "python3",
        "manage.py",
        "runserver",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(analyze_argv(&argv).process, Process::DevServer);
}
