//! Which files are deployment sources: decided from the name (discovery asks for every file of
//! a repository, so this reads nothing), and, for names that do not say enough (any YAML file may
//! be a Kubernetes manifest, an `.ini` may configure uWSGI, a `bin/` file may be a shell
//! script), from the text, which discovery reads only for those candidate names.

use std::path::Path;

use super::model::SourceKind;
use super::{appengine, compose, gunicorn, helm, kubernetes, script, supervisor, uwsgi};

/// What a file's name says about it as a deployment source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Candidate {
    /// The name is enough.
    Kind(SourceKind),
    /// The name allows it; [`Candidate::decide`] looks at the text.
    Sniff(Sniff),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniff {
    /// A YAML file: a manifest when it has top-level `apiVersion:` and `kind:`, a compose file
    /// (a Swarm stack) when it has a top-level `services:` mapping of images or builds.
    Kubernetes,
    /// `app.yaml`-like: App Engine with a top-level `runtime:`, else maybe Kubernetes.
    AppEngine,
    /// An `.ini` or `.conf`: uWSGI with a `[uwsgi]` section (`uwsgi --ini /uwsgi.conf` is common
    /// in images), supervisor with `[program:x]`.
    Ini,
    /// A `bin/` file without an extension: a shell script when it starts with a shell's `#!`.
    Shell,
}

impl Candidate {
    /// The kind of a candidate file, given its text.
    pub fn decide(self, text: &str) -> Option<SourceKind> {
        match self {
            Candidate::Kind(kind) => Some(kind),
            Candidate::Sniff(Sniff::Kubernetes) => yaml_kind(text),
            Candidate::Sniff(Sniff::AppEngine) => {
                if appengine::looks_like_app_engine(text) {
                    Some(SourceKind::AppEngine)
                } else {
                    yaml_kind(text)
                }
            }
            Candidate::Sniff(Sniff::Ini) => {
                if uwsgi::looks_like_uwsgi(text) {
                    Some(SourceKind::Uwsgi)
                } else {
                    supervisor::looks_like_supervisor(text).then_some(SourceKind::Supervisor)
                }
            }
            Candidate::Sniff(Sniff::Shell) => {
                script::has_shell_shebang(text).then_some(SourceKind::Shell)
            }
        }
    }
}

/// A YAML file whose name says nothing: a Kubernetes manifest, or a compose file by another name
/// (a Swarm stack).
fn yaml_kind(text: &str) -> Option<SourceKind> {
    if kubernetes::looks_like_kubernetes(text) {
        Some(SourceKind::Kubernetes)
    } else {
        compose::looks_like_compose(text).then_some(SourceKind::Compose)
    }
}

/// YAML files that are never deployments, whatever they hold.
const NOT_DEPLOYMENT_YAML: &[&str] = &[
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    "mkdocs.yml",
    "mkdocs.yaml",
    ".readthedocs.yaml",
    ".readthedocs.yml",
    "environment.yml",
    "environment.yaml",
    "codecov.yml",
    ".codecov.yml",
    ".travis.yml",
    "dependabot.yml",
    ".yamllint",
    ".yamllint.yaml",
    "Chart.yaml",
    "Chart.lock",
    "pnpm-lock.yaml",
    "crowdin.yml",
    ".coderabbit.yaml",
    "openapi.yaml",
    "openapi.yml",
    "swagger.yaml",
    "swagger.yml",
    "CITATION.cff",
    "mypy.yaml",
    ".golangci.yml",
    "buf.yaml",
    "conda.yaml",
    "meta.yaml",
];

/// The kind of deployment file `path` may be, from its name (and, for Helm, whether a
/// `Chart.yaml` sits at the chart's top).
pub fn source_kind(path: &Path) -> Option<Candidate> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    let parent = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let kind = |kind| Some(Candidate::Kind(kind));
    match name {
        "wsgi.py" | "asgi.py" | "manage.py" => return kind(SourceKind::EntryPoint),
        "Procfile" => return kind(SourceKind::Procfile),
        "app.json" => return kind(SourceKind::AppJson),
        "heroku.yml" => return kind(SourceKind::HerokuYml),
        "fly.toml" => return kind(SourceKind::FlyToml),
        "render.yaml" | "render.yml" => return kind(SourceKind::RenderYaml),
        "railway.json" | "railway.toml" => return kind(SourceKind::Railway),
        ".platform.app.yaml" => return kind(SourceKind::PlatformSh),
        "pytest.ini" | "tox.ini" | "setup.cfg" | "pyproject.toml" => {
            return kind(SourceKind::TestConfig);
        }
        ".gitlab-ci.yml" | ".gitlab-ci.yaml" => return kind(SourceKind::CiWorkflow),
        _ => {}
    }
    if super::circleci::is_config(path) {
        return kind(SourceKind::CiWorkflow);
    }
    if super::clevercloud::is_python_config(path) {
        return kind(SourceKind::CleverCloud);
    }
    if super::beanstalk::is_config_file(path) {
        return kind(SourceKind::ElasticBeanstalk);
    }
    if let Some(kind) = deploy_file_kind(name) {
        return Some(Candidate::Kind(match kind {
            DeployFileKind::Dockerfile => SourceKind::Dockerfile,
            DeployFileKind::Compose => SourceKind::Compose,
        }));
    }
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    if name.starts_with("Procfile.") {
        return kind(SourceKind::Procfile);
    }
    if lower.starts_with("fly.") && lower.ends_with(".toml") {
        return kind(SourceKind::FlyToml);
    }
    if yaml
        && parent == "workflows"
        && path
            .parent()
            .and_then(Path::parent)
            .and_then(|p| p.file_name())
            .is_some_and(|n| n == ".github")
    {
        return kind(SourceKind::CiWorkflow);
    }
    if yaml && parent == ".platform" && lower.starts_with("applications.") {
        return kind(SourceKind::PlatformSh);
    }
    if yaml && parent == ".do" {
        return kind(SourceKind::DigitalOcean);
    }
    if lower.ends_with(".service") {
        return kind(SourceKind::Systemd);
    }
    if lower.ends_with(".sh") {
        return kind(SourceKind::Shell);
    }
    if gunicorn::is_config_name(name) {
        return kind(SourceKind::GunicornConfig);
    }
    if yaml && is_helm_file(path, name) {
        return kind(SourceKind::Helm);
    }
    if lower.ends_with(".ini") || lower.ends_with(".conf") {
        return Some(Candidate::Sniff(Sniff::Ini));
    }
    if yaml {
        if NOT_DEPLOYMENT_YAML.contains(&name)
            || path.components().any(|c| c.as_os_str() == ".github")
        {
            return None;
        }
        let app_like = lower == "app.yaml"
            || lower == "app.yml"
            || lower.starts_with("app-")
            || lower.starts_with("app.")
            || lower.starts_with("app_");
        return Some(Candidate::Sniff(if app_like {
            Sniff::AppEngine
        } else {
            Sniff::Kubernetes
        }));
    }
    if parent == "bin" && !name.contains('.') {
        return Some(Candidate::Sniff(Sniff::Shell));
    }
    None
}

/// A chart's values file (`values*.yaml` next to `Chart.yaml`) or template (under the chart's
/// `templates/`).
fn is_helm_file(path: &Path, name: &str) -> bool {
    if helm::is_values_file(name) {
        return path
            .parent()
            .is_some_and(|dir| dir.join("Chart.yaml").is_file());
    }
    chart_root(path).is_some()
}

/// The chart folder of a Helm file: the folder with `Chart.yaml` holding it (values) or holding
/// the `templates` folder it is in.
pub fn chart_root(path: &Path) -> Option<&Path> {
    let name = path.file_name()?.to_str()?;
    if helm::is_values_file(name) {
        return path.parent();
    }
    path.ancestors()
        .skip(1)
        .take(4)
        .find(|dir| dir.file_name().is_some_and(|n| n == "templates"))
        .and_then(Path::parent)
        .filter(|root| root.join("Chart.yaml").is_file())
}

/// Which kind of deployment file a file name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeployFileKind {
    Dockerfile,
    Compose,
}

/// `Dockerfile`, `Dockerfile.prod`, `prod.Dockerfile`, `Dockerfile-staging`, `backend.dockerfile`
/// (case-insensitive) → Dockerfile; `docker-compose.yml`, `docker-compose.prod.yaml`, `docker-compose-dev.yml`,
/// `compose.yaml`, `compose.override.yml` → Compose; anything else None.
pub fn deploy_file_kind(file_name: &str) -> Option<DeployFileKind> {
    let name = file_name.to_ascii_lowercase();
    // BuildKit reads `Dockerfile.dockerignore` as the ignore file of that Dockerfile, not as a Dockerfile.
    if name.ends_with(".dockerignore") {
        return None;
    }
    if name == "dockerfile"
        || name.starts_with("dockerfile.")
        || name.starts_with("dockerfile-")
        || name.ends_with(".dockerfile")
    {
        return Some(DeployFileKind::Dockerfile);
    }
    let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    let compose_stem = name.starts_with("docker-compose.")
        || name.starts_with("docker-compose-")
        || name.starts_with("compose.");
    (yaml && compose_stem).then_some(DeployFileKind::Compose)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn file_kinds() {
        use DeployFileKind::*;
        for name in [
            "Dockerfile",
            "dockerfile",
            "Dockerfile.prod",
            "prod.Dockerfile",
            "dev.Dockerfile",
            "Dockerfile-staging",
            "backend.dockerfile",
        ] {
            assert_eq!(deploy_file_kind(name), Some(Dockerfile), "{name}");
        }
        for name in [
            "docker-compose.yml",
            "docker-compose.prod.yaml",
            "Docker-Compose.YML",
            "docker-compose-dev.yml",
            "compose.yaml",
            "compose.override.yml",
        ] {
            assert_eq!(deploy_file_kind(name), Some(Compose), "{name}");
        }
        for name in [
            "Dockerfile.dockerignore",
            ".dockerignore",
            "docker-compose.json",
            "compose.py",
            "compose",
            "settings.py",
            "mydockerfile",
            "composer.yml",
        ] {
            assert_eq!(deploy_file_kind(name), None, "{name}");
        }
    }

    fn kind_of(path: &str, text: &str) -> Option<SourceKind> {
        source_kind(Path::new(path))?.decide(text)
    }

    #[test]
    fn source_kinds_from_names_and_text() {
        use SourceKind::*;
        for (path, text, expected) in [
            ("repo/mysite/wsgi.py", "", Some(EntryPoint)),
            ("repo/Procfile", "", Some(Procfile)),
            ("repo/Procfile.dev", "", Some(Procfile)),
            ("repo/app.json", "", Some(AppJson)),
            ("repo/heroku.yml", "", Some(HerokuYml)),
            ("repo/fly.toml", "", Some(FlyToml)),
            ("repo/fly.staging.toml", "", Some(FlyToml)),
            ("repo/render.yaml", "", Some(RenderYaml)),
            ("repo/railway.json", "", Some(Railway)),
            ("repo/clevercloud/python.json", "", Some(CleverCloud)),
            ("repo/clevercloud/cron.json", "", None),
            ("repo/backend/railway.toml", "", Some(Railway)),
            ("repo/.platform.app.yaml", "", Some(PlatformSh)),
            ("repo/.platform/applications.yaml", "", Some(PlatformSh)),
            ("repo/.do/app.yaml", "", Some(DigitalOcean)),
            (
                "repo/.ebextensions/01_django.config",
                "",
                Some(ElasticBeanstalk),
            ),
            ("repo/conf/django.config", "", None),
            ("repo/app.yaml", "runtime: python312\n", Some(AppEngine)),
            (
                "repo/app-staging.yaml",
                "runtime: python312\n",
                Some(AppEngine),
            ),
            ("repo/app.yaml", "name: x\n", None),
            (
                "repo/k8s/web.yaml",
                "apiVersion: apps/v1\nkind: Deployment\n",
                Some(Kubernetes),
            ),
            ("repo/k8s/web.yaml", "foo: bar\n", None),
            (
                "repo/.pre-commit-config.yaml",
                "apiVersion: x\nkind: y\n",
                None,
            ),
            ("repo/.github/workflows/ci.yml", "", Some(CiWorkflow)),
            (
                "repo/.github/dependabot.yml",
                "apiVersion: x\nkind: y\n",
                None,
            ),
            ("repo/.gitlab-ci.yml", "", Some(CiWorkflow)),
            ("repo/.circleci/config.yml", "", Some(CiWorkflow)),
            ("repo/deploy/shop.service", "", Some(Systemd)),
            ("repo/gunicorn.conf.py", "", Some(GunicornConfig)),
            ("repo/uwsgi.ini", "[uwsgi]\nmodule = a.wsgi\n", Some(Uwsgi)),
            (
                "repo/deploy/app.ini",
                "[program:web]\ncommand=gunicorn a.wsgi\n",
                Some(Supervisor),
            ),
            ("repo/setup.ini", "[metadata]\n", None),
            ("repo/pytest.ini", "", Some(TestConfig)),
            ("repo/pyproject.toml", "", Some(TestConfig)),
            ("repo/supervisord.conf", "[program:web]\n", Some(Supervisor)),
            ("repo/nginx.conf", "server { listen 80; }\n", None),
            (
                "repo/docker/uwsgi.conf",
                "[uwsgi]\nmodule = wsgi\n",
                Some(Uwsgi),
            ),
            ("repo/docker/entrypoint.sh", "", Some(Shell)),
            (
                "repo/bin/start",
                "#!/bin/bash\nexec gunicorn a.wsgi\n",
                Some(Shell),
            ),
            ("repo/bin/start", "#!/usr/bin/env python\n", None),
            ("repo/start", "#!/bin/bash\n", None),
            ("repo/settings.py", "", None),
            ("repo/README.md", "", None),
        ] {
            assert_eq!(kind_of(path, text), expected, "{path}");
        }
    }

    #[test]
    fn helm_files_need_a_chart() {
        let tmp = tempfile::tempdir().unwrap();
        let chart = tmp.path().join("chart");
        std::fs::create_dir_all(chart.join("templates/sub")).unwrap();
        let values = chart.join("values-production.yaml");
        let template = chart.join("templates/sub/deployment.yaml");
        // Without Chart.yaml, a values file is only a YAML file (and no manifest).
        assert_eq!(source_kind(&values).and_then(|c| c.decide("a: 1")), None);
        std::fs::write(chart.join("Chart.yaml"), "name: shop\n").unwrap();
        assert_eq!(
            source_kind(&values),
            Some(Candidate::Kind(SourceKind::Helm))
        );
        assert_eq!(
            source_kind(&template),
            Some(Candidate::Kind(SourceKind::Helm))
        );
        assert_eq!(chart_root(&template), Some(chart.as_path()));
    }
}
