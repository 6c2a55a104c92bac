//! CI workflows: GitHub Actions (`.github/workflows/*.yml`: `env:` at workflow, job and step
//! level, `run:` steps) and GitLab CI (`.gitlab-ci.yml`: `variables:` global and per job,
//! `script:`). A job is a [`Role::Test`] deployment when it names settings or runs Django.

use std::path::Path;

use super::command::{self, Analysis};
use super::model::{
    CONFIGURATION, Deployment, EnvValue, Origin, Process, Role, SETTINGS_MODULE, SourceKind,
};
use super::tree::{Node, Value};
use super::yaml;

fn env_value(node: &Node, expression: &str) -> EnvValue {
    match &node.value {
        Value::Scalar { text, .. } if text.contains(expression) => {
            EnvValue::Unknown(format!("the CI expression `{text}`"))
        }
        Value::Scalar { text, .. } => EnvValue::Literal(text.clone()),
        // GitLab's `{value: ..., description: ...}`.
        Value::Map(_) => match node.get("value") {
            Some(value) => env_value(value, expression),
            None => EnvValue::Unknown("no value in the CI file".into()),
        },
        _ => EnvValue::Unknown("no value in the CI file".into()),
    }
}

fn set_all(deployment: &mut Deployment, path: &Path, node: Option<&Node>, expression: &str) {
    for entry in node.map(Node::entries).unwrap_or_default() {
        deployment.set(
            &entry.key,
            env_value(&entry.value, expression),
            Origin::new(path, entry.key_line),
        );
    }
}

fn runs_django(analysis: &Analysis) -> bool {
    !matches!(analysis.process, Process::Unknown | Process::NotDjango(_))
}

fn keep(deployment: &Deployment) -> bool {
    deployment.command.is_some()
        || deployment.env.contains_key(SETTINGS_MODULE)
        || deployment.env.contains_key(CONFIGURATION)
}

/// The jobs of a GitHub Actions workflow.
pub fn github(path: &Path, text: &str) -> Result<Vec<Deployment>, String> {
    let root = yaml::parse_one(text)?;
    let mut found = Vec::new();
    for job in root.get("jobs").map(Node::entries).unwrap_or_default() {
        let mut deployment = Deployment::new(
            SourceKind::CiWorkflow,
            Origin::new(path, job.key_line),
            Some(job.key.clone()),
            Role::Test,
        );
        set_all(&mut deployment, path, root.get("env"), "${{");
        set_all(&mut deployment, path, job.value.get("env"), "${{");
        for step in job.value.get("steps").map(Node::items).unwrap_or_default() {
            let Some(run) = step.get("run").filter(|r| r.text().is_some()) else {
                continue;
            };
            let script = run.text().unwrap_or_default();
            let analysis = command::analyze_shell(script);
            if deployment.command.is_some() || !runs_django(&analysis) {
                continue;
            }
            set_all(&mut deployment, path, step.get("env"), "${{");
            let (text, line) = command_line(text, run.line, script, &analysis);
            deployment.run(
                analysis.command(&text, Origin::new(path, line)),
                analysis.env,
            );
        }
        if keep(&deployment) {
            found.push(deployment);
        }
    }
    Ok(found)
}

/// The line of a CI step's script (`run:`, `command:`) that holds the Django command, and its
/// text: found in the file from the step's line `from` on (block scalars start below their key).
pub(super) fn command_line(
    file: &str,
    from: usize,
    script: &str,
    analysis: &Analysis,
) -> (String, usize) {
    let needle = match &analysis.process {
        Process::Server(name)
        | Process::Worker(name)
        | Process::Build(name)
        | Process::Management(name) => name.as_str(),
        Process::Tests => "test",
        Process::DevServer => "runserver",
        _ => "",
    };
    let Some(wanted) = script
        .lines()
        .find(|l| !needle.is_empty() && l.contains(needle))
        .map(str::trim)
    else {
        return (script.trim().to_string(), from);
    };
    let line = file
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(wanted))
        .map_or(from, |(i, _)| i + 1);
    (wanted.to_string(), line)
}

const GITLAB_RESERVED: &[&str] = &[
    "stages",
    "variables",
    "default",
    "include",
    "workflow",
    "image",
    "services",
    "before_script",
    "after_script",
    "cache",
    "pages",
];

/// The jobs of a `.gitlab-ci.yml`.
pub fn gitlab(path: &Path, text: &str) -> Result<Vec<Deployment>, String> {
    let root = yaml::parse_one(text)?;
    let mut found = Vec::new();
    for job in root.entries() {
        if GITLAB_RESERVED.contains(&job.key.as_str())
            || job.key.starts_with('.')
            || !job.value.is_map()
        {
            continue;
        }
        let mut deployment = Deployment::new(
            SourceKind::CiWorkflow,
            Origin::new(path, job.key_line),
            Some(job.key.clone()),
            Role::Test,
        );
        set_all(&mut deployment, path, root.get("variables"), "$CI_");
        set_all(&mut deployment, path, job.value.get("variables"), "$CI_");
        for line in job
            .value
            .get("script")
            .map(|s| match &s.value {
                Value::Seq(items) => items.iter().collect::<Vec<_>>(),
                _ => vec![s],
            })
            .unwrap_or_default()
        {
            let Some(script) = line.text() else { continue };
            let analysis = command::analyze_shell(script);
            if runs_django(&analysis) {
                deployment.run(
                    analysis.command(script, Origin::new(path, line.line)),
                    analysis.env,
                );
                break;
            }
        }
        if keep(&deployment) {
            found.push(deployment);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_jobs() {
        let text = "\
name: CI
on: [push]
env:
  DJANGO_SETTINGS_MODULE: shop.settings.ci
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      SECRET_KEY: ${{ secrets.SECRET_KEY }}
      DATABASE_URL: postgres://postgres:postgres@localhost/shop
    steps:
      - uses: actions/checkout@v4
      - run: pip install -r requirements.txt
      - name: Tests
        env:
          DEBUG: \"1\"
        run: |
          python manage.py migrate
          python manage.py test --settings=shop.settings.test --parallel
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: ruff check .
";
        let found = github(Path::new(".github/workflows/ci.yml"), text).unwrap();
        assert_eq!(
            found.len(),
            2,
            "the lint job still inherits the workflow's settings"
        );
        let test = &found[0];
        assert_eq!(
            (test.name.as_deref(), test.origin.line, test.role),
            (Some("test"), 6, Role::Test)
        );
        let command = test.command.as_ref().unwrap();
        assert_eq!(
            (command.process.clone(), command.origin.line),
            (Process::Tests, 19)
        );
        assert_eq!(
            test.settings_module().map(|(m, o)| (m, o.line)),
            Some(("shop.settings.test", 19))
        );
        assert_eq!(
            test.env["SECRET_KEY"].value,
            EnvValue::Unknown("the CI expression `${{ secrets.SECRET_KEY }}`".into())
        );
        assert_eq!(test.env["DEBUG"].value.literal(), Some("1"));
        assert_eq!(
            found[1].settings_module().map(|(m, o)| (m, o.line)),
            Some(("shop.settings.ci", 4))
        );
    }

    #[test]
    fn gitlab_jobs() {
        let text = "\
stages: [test, deploy]
variables:
  DJANGO_SETTINGS_MODULE: shop.settings.gitlab
  POSTGRES_PASSWORD:
    value: postgres
    description: test database
.template: &tpl
  image: python:3.12
unit:
  <<: *tpl
  stage: test
  script:
    - pip install -r requirements.txt
    - pytest --ds=shop.settings.unit
deploy:
  stage: deploy
  script:
    - ./deploy.sh
";
        let found = gitlab(Path::new(".gitlab-ci.yml"), text).unwrap();
        let summary: Vec<_> = found
            .iter()
            .map(|d| {
                (
                    d.name.as_deref().unwrap(),
                    d.settings_module().map(|(m, o)| (m, o.line)),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("unit", Some(("shop.settings.unit", 14))),
                ("deploy", Some(("shop.settings.gitlab", 3)))
            ]
        );
        assert_eq!(
            found[0].env["POSTGRES_PASSWORD"].value.literal(),
            Some("postgres")
        );
    }
}
