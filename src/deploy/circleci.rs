//! CircleCI (`.circleci/config.yml`): each job is a [`Role::Test`] deployment, as GitHub Actions
//! and GitLab CI jobs are, when it names settings or runs Django. A step's command runs with, from
//! the weakest: the job's executor's `environment` (a named `executors:` entry, or the job's own
//! first `docker` image, the primary container), the job's `environment`, the step's
//! `environment`. `<< parameters.x >>` and `<< pipeline.x >>` values are the pipeline's, unknown
//! here. Other keys (`orbs`, `workflows`, `machine` images...) are ignored.

use std::path::Path;

use super::command;
use super::model::{
    CONFIGURATION, Deployment, EnvValue, Origin, Process, Role, SETTINGS_MODULE, SourceKind,
};
use super::tree::Node;
use super::yaml;

/// Whether `path` is CircleCI's configuration.
pub fn is_config(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == "config.yml" || n == "config.yaml")
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == ".circleci")
}

pub fn jobs(path: &Path, text: &str) -> Result<Vec<Deployment>, String> {
    let root = yaml::parse_one(text)?;
    let mut found = Vec::new();
    for job in root.get("jobs").map(Node::entries).unwrap_or_default() {
        let mut deployment = Deployment::new(
            SourceKind::CiWorkflow,
            Origin::new(path, job.key_line),
            Some(job.key.clone()),
            Role::Test,
        );
        let executor = match job.value.get("executor") {
            Some(name) => {
                // `executor: name` or `executor: {name: ..., parameters}`.
                let name = name
                    .text()
                    .or_else(|| name.get("name").and_then(Node::text));
                name.and_then(|n| root.path(&["executors", n]))
            }
            None => Some(&job.value),
        };
        let primary = executor
            .and_then(|e| e.get("docker"))
            .map(Node::items)
            .and_then(<[Node]>::first);
        for environment in [
            executor.and_then(|e| e.get("environment")),
            primary.and_then(|p| p.get("environment")),
            job.value.get("environment"),
        ] {
            set_all(&mut deployment, path, environment);
        }
        for step in job.value.get("steps").map(Node::items).unwrap_or_default() {
            let Some(run) = step.get("run") else {
                continue;
            };
            // `run: command` or `run: {command: ..., environment: ...}`.
            let Some(script) = run
                .text()
                .or_else(|| run.get("command").and_then(Node::text))
            else {
                continue;
            };
            let analysis = command::analyze_shell(script);
            let runs_django = !matches!(analysis.process, Process::Unknown | Process::NotDjango(_));
            if deployment.command.is_some() || !runs_django {
                continue;
            }
            set_all(&mut deployment, path, run.get("environment"));
            let line = run.get("command").map_or(run.line, |c| c.line);
            let (text, line) = super::ci::command_line(text, line, script, &analysis);
            deployment.run(
                analysis.command(&text, Origin::new(path, line)),
                analysis.env,
            );
        }
        let keep = deployment.command.is_some()
            || deployment.env.contains_key(SETTINGS_MODULE)
            || deployment.env.contains_key(CONFIGURATION);
        if keep {
            found.push(deployment);
        }
    }
    Ok(found)
}

fn set_all(deployment: &mut Deployment, path: &Path, node: Option<&Node>) {
    for entry in node.map(Node::entries).unwrap_or_default() {
        let value = match entry.value.text() {
            Some(text) if text.contains("<<") => {
                EnvValue::Unknown(format!("the CircleCI parameter `{text}`"))
            }
            Some(text) => EnvValue::Literal(text.to_string()),
            None => EnvValue::Unknown("no value in the CircleCI configuration".into()),
        };
        deployment.set(&entry.key, value, Origin::new(path, entry.key_line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_executors_and_steps() {
        let text = "\
version: 2.1
executors:
  py:
    docker:
      - image: cimg/python:3.12
    environment:
      DJANGO_SETTINGS_MODULE: shop.settings.ci
jobs:
  test:
    docker:
      - image: cimg/python:3.12
        environment:
          DJANGO_SETTINGS_MODULE: shop.settings.test
          DATABASE_URL: postgres://shop:shop@localhost/shop
      - image: cimg/postgres:16.2
        environment:
          POSTGRES_PASSWORD: shop
    environment:
      DJANGO_DEBUG: \"1\"
    steps:
      - checkout
      - run: pip install -r requirements.txt
      - run:
          name: Tests
          command: |
            python manage.py check
            python manage.py test --parallel
          environment:
            SECRET_KEY: << pipeline.parameters.key >>
  migrations:
    executor: py
    steps:
      - run: python manage.py makemigrations --check
  lint:
    docker:
      - image: cimg/python:3.12
    steps:
      - run: ruff check .
workflows:
  main:
    jobs: [test, migrations]
";
        let path = Path::new(".circleci/config.yml");
        assert!(is_config(path));
        let found = jobs(path, text).unwrap();
        let summary: Vec<_> = found
            .iter()
            .map(|d| {
                let command = d.command.as_ref().unwrap();
                (
                    d.name.clone().unwrap(),
                    command.origin.line,
                    command.process.clone(),
                    d.settings_module().map(|(m, o)| (m.to_string(), o.line)),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "test".to_string(),
                    27,
                    Process::Tests,
                    Some(("shop.settings.test".to_string(), 13)),
                ),
                (
                    "migrations".to_string(),
                    33,
                    Process::Management("makemigrations".into()),
                    Some(("shop.settings.ci".to_string(), 7)),
                ),
            ]
        );
        let test = &found[0];
        assert_eq!(test.role, Role::Test);
        assert_eq!(test.env["DJANGO_DEBUG"].value.literal(), Some("1"));
        assert!(test.env["SECRET_KEY"].value.literal().is_none());
        // The database container's variables are its own.
        assert!(!test.env.contains_key("POSTGRES_PASSWORD"));
    }

    #[test]
    fn malformed_and_unknown() {
        let path = Path::new(".circleci/config.yml");
        assert!(jobs(path, "jobs: [\n").is_err());
        assert!(
            jobs(path, "jobs:\n  a: 3\n  b:\n    steps: 4\n")
                .unwrap()
                .is_empty()
        );
        assert!(!is_config(Path::new("ci/config.yml")));
    }
}
