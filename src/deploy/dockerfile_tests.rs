use super::*;
use crate::deploy::Process;

fn env(key: &str, value: &str, line: usize) -> EnvAssignment {
    EnvAssignment {
        key: key.to_string(),
        value: value.to_string(),
        line,
    }
}

#[test]
fn dockerfile_key_value_form() {
    let text = "FROM python:3.12\nENV DEBUG=False\nRUN pip install -r requirements.txt\n";
    assert_eq!(dockerfile_env(text), vec![env("DEBUG", "False", 2)]);
}

#[test]
fn dockerfile_multiple_variables_and_quotes() {
    let text =
        r#"ENV A=1 B="two words" C='single $quoted' D="esc \"q\" \\ \$HOME \n" E=bare\ space"#;
    assert_eq!(
        dockerfile_env(text),
        vec![
            env("A", "1", 1),
            env("B", "two words", 1),
            env("C", "single $quoted", 1),
            env("D", r#"esc "q" \ $HOME \n"#, 1),
            env("E", "bare space", 1),
        ]
    );
}

#[test]
fn dockerfile_empty_values_and_references() {
    let text = "ENV EMPTY= QUOTED=\"\" PATH=/app/bin:$PATH HOME_DIR=${HOME}/x";
    assert_eq!(
        dockerfile_env(text),
        vec![
            env("EMPTY", "", 1),
            env("QUOTED", "", 1),
            env("PATH", "/app/bin:$PATH", 1),
            env("HOME_DIR", "${HOME}/x", 1),
        ]
    );
}

#[test]
fn dockerfile_legacy_form() {
    let text = "ENV SECRET_KEY some secret value  \nENV GREETING \"hello world\"\nENV LONELY\n";
    assert_eq!(
        dockerfile_env(text),
        vec![
            env("SECRET_KEY", "some secret value", 1),
            env("GREETING", "hello world", 2),
        ]
    );
}

#[test]
fn dockerfile_instruction_is_case_insensitive() {
    let text = "env A=1\n  Env B 2\nENVIRONMENT C=3\n";
    assert_eq!(
        dockerfile_env(text),
        vec![env("A", "1", 1), env("B", "2", 2)]
    );
}

#[test]
fn dockerfile_continuations_and_comments() {
    let text = "\
FROM python
# ENV COMMENTED=1
ENV A=1 \\
    # a comment inside the continuation
    B=2 \\

    C=\"three\"
RUN echo hi
ENV D=4 \\
";
    assert_eq!(
        dockerfile_env(text),
        vec![
            env("A", "1", 3),
            env("B", "2", 3),
            env("C", "three", 3),
            env("D", "4", 9),
        ]
    );
}

#[test]
fn dockerfile_continuation_inside_run_is_not_env() {
    let text = "RUN apt-get update && \\\n    env FOO=bar true\nENV X=1\n";
    assert_eq!(dockerfile_env(text), vec![env("X", "1", 3)]);
}

fn no_args() -> BTreeMap<String, String> {
    BTreeMap::new()
}

fn env_of(stage: &Stage) -> Vec<(String, Option<String>, usize)> {
    stage
        .env
        .iter()
        .map(|(k, (v, line))| (k.clone(), v.literal().map(str::to_string), *line))
        .collect()
}

fn var(key: &str, value: Option<&str>, line: usize) -> (String, Option<String>, usize) {
    (key.to_string(), value.map(str::to_string), line)
}

#[test]
fn arg_defaults_substituted_into_env() {
    let text = "\
ARG PYTHON_VERSION=3.12
ARG SETTINGS=config.settings.production
FROM python:${PYTHON_VERSION}-slim
ARG SETTINGS
ARG BUILD_ENV=production
ARG GIT_SHA
ENV DJANGO_SETTINGS_MODULE=$SETTINGS \\
    APP_ENV=${BUILD_ENV} \\
    RELEASE=${GIT_SHA:-unknown} \\
    SHA=$GIT_SHA \\
    PATH=/venv/bin:$PATH \\
    LITERAL='$SETTINGS'
";
    let parsed = parse(text, &no_args());
    let stage = &parsed.stages[0];
    assert_eq!(stage.base, "python:3.12-slim");
    assert_eq!(
        env_of(stage),
        vec![
            var("APP_ENV", Some("production"), 7),
            var(
                "DJANGO_SETTINGS_MODULE",
                Some("config.settings.production"),
                7
            ),
            var("LITERAL", Some("$SETTINGS"), 7),
            var("PATH", None, 7),
            var("RELEASE", Some("unknown"), 7),
            var("SHA", None, 7),
        ]
    );
    // A build that passes the argument (compose `build.args`) gets its value.
    let args = BTreeMap::from([("BUILD_ENV".to_string(), "staging".to_string())]);
    let parsed = parse(text, &args);
    assert_eq!(
        parsed.stages[0].env["APP_ENV"].0,
        EnvValue::Literal("staging".into())
    );
    // A global ARG not redeclared in the stage is not in scope there.
    let parsed = parse("ARG X=1\nFROM python\nENV Y=$X\n", &no_args());
    assert_eq!(parsed.stages[0].env["Y"].0.literal(), None);
}

#[test]
fn multi_stage_builds_inherit_through_from() {
    let text = "\
FROM python:3.12 AS base
ENV PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=shop.settings.base
WORKDIR /app
COPY docker/entrypoint.sh /entrypoint.sh

FROM base AS dev
ENV DJANGO_SETTINGS_MODULE=shop.settings.dev
CMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]

FROM node:20 AS assets
RUN npm ci && npm run build

FROM base AS production
ENV DJANGO_SETTINGS_MODULE=shop.settings.production
COPY --from=assets /app/dist /app/static
ENTRYPOINT [\"/entrypoint.sh\"]
CMD [\"gunicorn\", \"shop.wsgi:application\", \"--bind\", \"0.0.0.0:8000\"]
";
    let parsed = parse(text, &no_args());
    let names: Vec<_> = parsed.stages.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("base"),
            Some("dev"),
            Some("assets"),
            Some("production")
        ]
    );
    let (index, last) = parsed.stage(None).unwrap();
    assert_eq!(index, 3);
    assert_eq!(
        env_of(last),
        vec![
            var(
                "DJANGO_SETTINGS_MODULE",
                Some("shop.settings.production"),
                14
            ),
            var("PYTHONUNBUFFERED", Some("1"), 2),
        ]
    );
    assert_eq!(last.workdir.as_deref(), Some("/app"));
    assert_eq!(
        last.copies.len(),
        1,
        "the --from copy is not from the context"
    );
    assert_eq!(last.copies[0].dest, "/entrypoint.sh");
    let (text, line, analysis) = last.command().unwrap();
    assert_eq!(
        text,
        "/entrypoint.sh gunicorn shop.wsgi:application --bind 0.0.0.0:8000"
    );
    assert_eq!(line, 17);
    assert_eq!(analysis.script.as_deref(), Some("/entrypoint.sh"));
    let (_, dev) = parsed.stage(Some("DEV")).unwrap();
    assert_eq!(dev.command().unwrap().2.process, Process::DevServer);
    assert!(parsed.stages[2].env.is_empty(), "node stage starts clean");
    let deployment = stage_deployment(Path::new("Dockerfile"), last);
    assert_eq!(deployment.origin.line, 13);
    assert_eq!(deployment.name.as_deref(), Some("production"));
    assert_eq!(
        deployment.settings_module().map(|(m, o)| (m, o.line)),
        Some(("shop.settings.production", 14))
    );
}

#[test]
fn commands_in_exec_and_shell_form() {
    let text = "\
FROM python:3.12
WORKDIR /srv
ENV DJANGO_SETTINGS_MODULE=site.settings.prod
CMD DJANGO_SETTINGS_MODULE=site.settings.live gunicorn site.wsgi --env DEBUG=0
";
    let parsed = parse(text, &no_args());
    let deployment = stage_deployment(Path::new("Dockerfile"), &parsed.stages[0]);
    let command = deployment.command.as_ref().unwrap();
    assert_eq!(command.process, Process::Server("gunicorn".into()));
    assert_eq!(command.app_module.as_deref(), Some("site.wsgi"));
    assert_eq!(command.origin.line, 4);
    // The command's own settings override the ENV, at the command's line.
    assert_eq!(
        deployment.settings_module().map(|(m, o)| (m, o.line)),
        Some(("site.settings.live", 4))
    );
    assert_eq!(deployment.env["DEBUG"].value.literal(), Some("0"));

    let text = "FROM python\nCMD [\"python\", \"manage.py\", \"runserver\", \"--settings=site.settings.dev\"]\n";
    let deployment = stage_deployment(Path::new("Dockerfile"), &parse(text, &no_args()).stages[0]);
    assert_eq!(
        deployment.command.as_ref().unwrap().process,
        Process::DevServer
    );
    assert_eq!(deployment.settings_module().unwrap().0, "site.settings.dev");

    // An ENTRYPOINT set after an inherited CMD drops it, as Docker does.
    let text = "FROM python AS a\nCMD [\"gunicorn\", \"a.wsgi\"]\nFROM a\nENTRYPOINT [\"python\", \"manage.py\"]\n";
    let parsed = parse(text, &no_args());
    let (text, _, analysis) = parsed.stages[1].command().unwrap();
    assert_eq!(text, "python manage.py");
    assert_eq!(analysis.process, Process::Management("help".into()));
    // A shell-form ENTRYPOINT ignores CMD.
    let text = "FROM python\nENTRYPOINT exec gunicorn b.wsgi\nCMD [\"--reload\"]\n";
    let (text, line, analysis) = parse(text, &no_args()).stages[0].command().unwrap();
    assert_eq!((text.as_str(), line), ("exec gunicorn b.wsgi", 2));
    assert_eq!(analysis.app_module.as_deref(), Some("b.wsgi"));
}

#[test]
fn run_steps_with_their_own_settings_are_build_deployments() {
    let text = "\
FROM python:3.12
ENV DJANGO_SETTINGS_MODULE=app.settings.production
RUN pip install -r requirements.txt
RUN SECRET_KEY=build DJANGO_SETTINGS_MODULE=app.settings.build python manage.py collectstatic --noinput
RUN python manage.py compilemessages --settings=app.settings.i18n
RUN python manage.py check
CMD gunicorn app.wsgi
";
    let parsed = parse(text, &no_args());
    let builds = build_deployments(Path::new("Dockerfile"), &parsed);
    let summary: Vec<_> = builds
        .iter()
        .map(|d| {
            (
                d.origin.line,
                d.role,
                d.command.as_ref().unwrap().process.clone(),
                d.settings_module().unwrap().0,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                4,
                Role::Build,
                Process::Build("collectstatic".into()),
                "app.settings.build"
            ),
            (
                5,
                Role::Build,
                Process::Build("compilemessages".into()),
                "app.settings.i18n"
            ),
        ]
    );
    assert_eq!(builds[0].env["SECRET_KEY"].value.literal(), Some("build"));
    // The image still runs what ENV sets.
    let runs = stage_deployment(Path::new("Dockerfile"), &parsed.stages[0]);
    assert_eq!(runs.settings_module().unwrap().0, "app.settings.production");
}

#[test]
fn heredocs_copies_and_workdirs() {
    let text = "\
FROM python:3.12
WORKDIR /app
WORKDIR src
RUN <<EOF
ENV NOT_AN_INSTRUCTION=1
pip install .
EOF
COPY --chown=app:app ./compose/production/start /start
COPY [\"scripts/entrypoint.sh\", \"./\"]
COPY . .
ENV AFTER=1
";
    let parsed = parse(text, &no_args());
    let stage = &parsed.stages[0];
    assert_eq!(stage.workdir.as_deref(), Some("/app/src"));
    assert_eq!(env_of(stage), vec![var("AFTER", Some("1"), 11)]);
    let copies: Vec<(&[String], &str)> = stage
        .copies
        .iter()
        .map(|c| (c.sources.as_slice(), c.dest.as_str()))
        .collect();
    assert_eq!(
        copies,
        vec![
            (&["./compose/production/start".to_string()][..], "/start"),
            (&["scripts/entrypoint.sh".to_string()][..], "/app/src/"),
            (&[".".to_string()][..], "/app/src/"),
        ]
    );
}

#[test]
fn instructions_before_from_still_count() {
    let parsed = parse(
        "ENV DJANGO_SETTINGS_MODULE=shop.settings.gone\nCMD gunicorn shop.wsgi\n",
        &no_args(),
    );
    let deployment = stage_deployment(Path::new("Dockerfile"), &parsed.stages[0]);
    assert_eq!(
        deployment.settings_module().map(|(m, o)| (m, o.line)),
        Some(("shop.settings.gone", 1))
    );
    assert_eq!(deployment.origin.line, 1);
}

#[test]
fn garbage_dockerfiles_do_not_panic() {
    for text in [
        "",
        "FROM",
        "ENV",
        "ARG",
        "ARG =",
        "COPY",
        "COPY a",
        "CMD [",
        "ENTRYPOINT []",
        "RUN <<",
        "FROM a AS",
        "WORKDIR ${",
        "ENV A=${B:-${C:-${D",
        "FROM $X\nENV A=$X",
    ] {
        let parsed = parse(text, &no_args());
        for stage in &parsed.stages {
            let _ = stage_deployment(Path::new("Dockerfile"), stage);
        }
    }
}
