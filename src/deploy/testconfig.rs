//! Test configuration naming test settings: pytest-django's `DJANGO_SETTINGS_MODULE`,
//! `DJANGO_CONFIGURATION`, `--ds`/`--dc` in `addopts` (`pytest.ini`, `tox.ini`, `setup.cfg`
//! `[tool:pytest]`, `pyproject.toml` `[tool.pytest.ini_options]`), and tox environments
//! (`setenv`, and `commands` such as `manage.py test --settings=x`). All are [`Role::Test`].

use std::path::Path;

use super::command::{self, Analysis};
use super::ini::{self, Continuation, IniEntry};
use super::model::{
    CONFIGURATION, Command, Deployment, EnvValue, Origin, Process, Role, SETTINGS_MODULE,
    SourceKind,
};
use super::tree::{Node, parse_toml};

pub fn deployments(path: &Path, text: &str) -> Vec<Deployment> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if name == "pyproject.toml" {
        return pyproject(path, text).into_iter().collect();
    }
    let entries = ini::parse(text, Continuation::Indent, true);
    let mut found = Vec::new();
    let pytest_section = if name == "setup.cfg" {
        "tool:pytest"
    } else {
        "pytest"
    };
    let pytest: Vec<&IniEntry> = entries
        .iter()
        .filter(|e| {
            e.section == pytest_section || (name == "tox.ini" && e.section == "tool:pytest")
        })
        .collect();
    let mut deployment = test_deployment(path, Some("pytest".into()));
    for entry in &pytest {
        match entry.key.as_str() {
            "DJANGO_SETTINGS_MODULE" | "DJANGO_CONFIGURATION" => {
                set(
                    &mut deployment,
                    path,
                    &entry.key,
                    &entry.value(),
                    entry.line,
                );
            }
            "addopts" => {
                for (text, line) in &entry.lines {
                    let analysis = command::analyze_shell(&format!("pytest {text}"));
                    for (key, value) in analysis.env {
                        deployment.set(&key, value, Origin::new(path, *line));
                    }
                }
            }
            _ => {}
        }
    }
    if names_settings(&deployment) {
        deployment.origin = deployment
            .env
            .values()
            .map(|v| v.origin.clone())
            .min()
            .unwrap_or(deployment.origin);
        found.push(deployment);
    }
    if name == "tox.ini" {
        found.extend(tox_environments(path, &entries));
    }
    found
}

fn test_deployment(path: &Path, name: Option<String>) -> Deployment {
    let mut deployment = Deployment::new(
        SourceKind::TestConfig,
        Origin::new(path, 1),
        name,
        Role::Test,
    );
    deployment.command = Some(Command {
        text: "pytest".into(),
        origin: Origin::new(path, 1),
        process: Process::Tests,
        app_module: None,
    });
    deployment
}

fn set(deployment: &mut Deployment, path: &Path, key: &str, value: &str, line: usize) {
    deployment.set(
        key,
        EnvValue::Literal(value.trim().trim_matches(['"', '\'']).to_string()),
        Origin::new(path, line),
    );
}

fn names_settings(deployment: &Deployment) -> bool {
    deployment.env.contains_key(SETTINGS_MODULE) || deployment.env.contains_key(CONFIGURATION)
}

/// `[testenv]` and `[testenv:name]`: `setenv` lines and the variables `commands` set.
fn tox_environments(path: &Path, entries: &[IniEntry]) -> Vec<Deployment> {
    let mut sections: Vec<(&str, usize)> = Vec::new();
    for entry in entries {
        if (entry.section == "testenv" || entry.section.starts_with("testenv:"))
            && !sections.iter().any(|(s, _)| *s == entry.section)
        {
            sections.push((&entry.section, entry.section_line));
        }
    }
    let mut found = Vec::new();
    for (section, line) in sections {
        let mut deployment = test_deployment(path, Some(section.to_string()));
        deployment.origin = Origin::new(path, line);
        // `[testenv:x]` inherits the keys of `[testenv]` it does not set itself.
        let own: Vec<&IniEntry> = entries.iter().filter(|e| e.section == section).collect();
        let inherited = entries.iter().filter(|e| {
            e.section == "testenv" && section != "testenv" && !own.iter().any(|o| o.key == e.key)
        });
        for entry in inherited.chain(own.iter().copied()) {
            match entry.key.as_str() {
                "setenv" | "set_env" => {
                    for (text, line) in &entry.lines {
                        if let Some((key, value)) = text.split_once('=') {
                            let value = value.trim();
                            if value.contains('{') {
                                deployment.set(
                                    key.trim(),
                                    EnvValue::Unknown(format!(
                                        "uses the tox substitution in `{value}`"
                                    )),
                                    Origin::new(path, *line),
                                );
                            } else {
                                set(&mut deployment, path, key.trim(), value, *line);
                            }
                        }
                    }
                }
                "commands" => {
                    for (text, line) in &entry.lines {
                        let analysis: Analysis = command::analyze_shell(text);
                        if matches!(analysis.process, Process::Tests) {
                            deployment.run(
                                analysis.command(text, Origin::new(path, *line)),
                                analysis.env,
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        if names_settings(&deployment) {
            found.push(deployment);
        }
    }
    found
}

fn pyproject(path: &Path, text: &str) -> Option<Deployment> {
    let root = parse_toml(text)?;
    let options = root
        .path(&["tool", "pytest", "ini_options"])
        .or_else(|| root.path(&["tool", "pytest"]))?;
    let mut deployment = test_deployment(path, Some("pytest".into()));
    for key in [SETTINGS_MODULE, CONFIGURATION] {
        if let Some(entry) = options.entry(key)
            && let Some(value) = entry.value.text()
        {
            set(&mut deployment, path, key, value, entry.key_line);
        }
    }
    if let Some(addopts) = options.get("addopts") {
        let items: Vec<&Node> = match addopts.text() {
            Some(_) => vec![addopts],
            None => addopts.items().iter().collect(),
        };
        let joined: Vec<String> = items
            .iter()
            .filter_map(|n| n.text().map(str::to_string))
            .collect();
        let analysis = command::analyze_argv(
            &std::iter::once("pytest".to_string())
                .chain(
                    joined
                        .iter()
                        .flat_map(|t| t.split_whitespace().map(str::to_string)),
                )
                .collect::<Vec<_>>(),
        );
        for (key, value) in analysis.env {
            deployment.set(&key, value, Origin::new(path, addopts.line));
        }
    }
    if !names_settings(&deployment) {
        return None;
    }
    deployment.origin = deployment
        .env
        .values()
        .map(|v| v.origin.clone())
        .min()
        .unwrap_or(deployment.origin);
    Some(deployment)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Name, line, settings module and its line, configuration class.
    type Row<'a> = (
        Option<&'a str>,
        usize,
        Option<(&'a str, usize)>,
        Option<&'a str>,
    );

    fn summary(found: &[Deployment]) -> Vec<Row<'_>> {
        found
            .iter()
            .map(|d| {
                (
                    d.name.as_deref(),
                    d.origin.line,
                    d.settings_module().map(|(m, o)| (m, o.line)),
                    d.configuration().map(|(c, _)| c),
                )
            })
            .collect()
    }

    #[test]
    fn pytest_ini_and_setup_cfg() {
        let text = "[pytest]\nDJANGO_SETTINGS_MODULE = shop.settings.test\npython_files = tests.py test_*.py\n";
        assert_eq!(
            summary(&deployments(Path::new("pytest.ini"), text)),
            vec![(Some("pytest"), 2, Some(("shop.settings.test", 2)), None)]
        );
        let text = "[metadata]\nname = shop\n\n[tool:pytest]\naddopts =\n    --reuse-db\n    --ds=shop.settings.ci --dc=CI\n";
        assert_eq!(
            summary(&deployments(Path::new("setup.cfg"), text)),
            vec![(Some("pytest"), 7, Some(("shop.settings.ci", 7)), Some("CI"))]
        );
        assert!(
            deployments(Path::new("setup.cfg"), "[flake8]\nmax-line-length = 100\n").is_empty()
        );
    }

    #[test]
    fn pyproject_options() {
        let text = "[project]\nname = \"shop\"\n\n[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = \"shop.settings.test\"\naddopts = [\"--dc=Test\", \"-p no:cacheprovider\"]\n";
        assert_eq!(
            summary(&deployments(Path::new("pyproject.toml"), text)),
            vec![(
                Some("pytest"),
                5,
                Some(("shop.settings.test", 5)),
                Some("Test")
            )]
        );
        assert!(deployments(Path::new("pyproject.toml"), "[project]\nname = \"x\"\n").is_empty());
        assert!(deployments(Path::new("pyproject.toml"), "[tool.pytest.ini_options\n").is_empty());
    }

    #[test]
    fn tox_environments_and_commands() {
        let text = "\
[tox]
envlist = py311, django42

[testenv]
setenv =
    DJANGO_SETTINGS_MODULE = shop.settings.tox
    PYTHONPATH = {toxinidir}
commands = pytest {posargs}

[testenv:django42]
commands =
    pip install Django~=4.2
    python manage.py test --settings=shop.settings.legacy

[testenv:lint]
commands = ruff check .
";
        assert_eq!(
            summary(&deployments(Path::new("tox.ini"), text)),
            vec![
                (Some("testenv"), 4, Some(("shop.settings.tox", 6)), None),
                (
                    Some("testenv:django42"),
                    10,
                    Some(("shop.settings.legacy", 13)),
                    None
                ),
                (
                    Some("testenv:lint"),
                    15,
                    Some(("shop.settings.tox", 6)),
                    None
                ),
            ]
        );
    }
}
