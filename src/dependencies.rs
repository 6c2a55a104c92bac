//! The project's dependency files, loaded into its source map so findings can point into them:
//! which ones production installs, what they install, and which Django release's defaults apply.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};

use crate::requirements::{self, NEWEST, Release, Requirement};
use crate::resolve::Project;
use crate::rules::django_versions;
use crate::source::FileId;

/// One dependency file (`requirements*.txt`, `pyproject.toml`, a lock file...).
pub struct DependencyFile {
    pub file: FileId,
    /// Installed in production: a requirements file named for production (`requirements-prod.txt`,
    /// `requirements/production.txt`) or one such a file includes with `-r`, transitively; or a
    /// `pyproject.toml` with a `prod`/`production` extra.
    pub production: bool,
    /// The production file that includes this one, when that is what makes it production.
    pub included_by: Option<FileId>,
    /// What the file installs, as far as djsafe reads it: a requirements file's requirements;
    /// for a `pyproject.toml` with a production extra, its dependencies plus that extra.
    pub requirements: Vec<Requirement>,
}

/// The Django release whose defaults apply to settings a module never assigns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DjangoDefaults {
    /// The release whose defaults are used.
    pub release: Release,
    /// The pinned release when it is newer than any djsafe knows (its defaults are `release`'s).
    pub pinned: Option<Release>,
    /// Where the release is pinned (`requirements.txt:3`); `None` when nothing pins it and the
    /// newest release's defaults are used.
    pub source: Option<String>,
}

impl DjangoDefaults {
    pub fn version(&self) -> String {
        format!("{}.{}", self.release.0, self.release.1)
    }

    /// How the text report says it: `4.2 (pinned in requirements.txt:3)`.
    pub fn describe(&self) -> String {
        match (&self.source, self.pinned) {
            (Some(source), None) => format!("{} (pinned in {source})", self.version()),
            (Some(source), Some((major, minor))) => format!(
                "{} (Django {major}.{minor} is pinned in {source}; {} is the newest release djsafe knows)",
                self.version(),
                self.version()
            ),
            (None, _) => format!("{} (newest; no Django version pinned)", self.version()),
        }
    }
}

pub struct Dependencies {
    pub files: Vec<DependencyFile>,
    pub django: DjangoDefaults,
}

/// Loads the dependency files discovery found (and the requirements files they include), and
/// picks the pinned Django release: lock files first, then requirements files, then
/// `pyproject.toml`, `Pipfile` and `setup.cfg`; among files of one kind, production ones, then
/// the shallowest, then by path.
pub fn load(project: &mut Project, found: &[PathBuf]) -> Dependencies {
    let mut loaded: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let mut files: Vec<(PathBuf, DependencyFile, Vec<PathBuf>)> = Vec::new();
    let mut queue: VecDeque<PathBuf> = found.iter().cloned().collect();
    while let Some(path) = queue.pop_front() {
        let path = path.canonicalize().unwrap_or(path);
        if loaded.contains_key(&path) || !path.is_file() {
            continue;
        }
        let Some(file) = project.load_text_file(&path) else {
            continue;
        };
        let text = &project.sources.get(file).text();
        let (production, requirements, includes) = if requirements::is_requirements_file(&path) {
            let dir = path.parent().unwrap_or(Path::new("."));
            let (requirements, includes) = requirements::requirements_txt(text, dir);
            queue.extend(includes.iter().cloned());
            (
                requirements::is_production_file(&path),
                requirements,
                includes,
            )
        } else if path.file_name().is_some_and(|n| n == "pyproject.toml") {
            match requirements::pyproject_production(text) {
                Some(requirements) => (true, requirements, Vec::new()),
                None => (false, Vec::new(), Vec::new()),
            }
        } else {
            (false, Vec::new(), Vec::new())
        };
        loaded.insert(path.clone(), files.len());
        files.push((
            path,
            DependencyFile {
                file,
                production,
                included_by: None,
                requirements,
            },
            includes,
        ));
    }
    // What a production file includes is installed in production too.
    let mut pending: VecDeque<usize> = (0..files.len())
        .filter(|&i| files[i].1.production)
        .collect();
    while let Some(index) = pending.pop_front() {
        for included in files[index].2.clone() {
            let included = included.canonicalize().unwrap_or(included);
            if let Some(&i) = loaded.get(&included)
                && !files[i].1.production
            {
                files[i].1.production = true;
                files[i].1.included_by = Some(files[index].1.file);
                pending.push_back(i);
            }
        }
    }
    let django = django_defaults(project, &files);
    let mut files: Vec<DependencyFile> = files.into_iter().map(|(_, f, _)| f).collect();
    files.sort_by(|a, b| {
        project
            .sources
            .get(a.file)
            .display
            .cmp(&project.sources.get(b.file).display)
    });
    Dependencies { files, django }
}

fn django_defaults(
    project: &Project,
    files: &[(PathBuf, DependencyFile, Vec<PathBuf>)],
) -> DjangoDefaults {
    let pin = files
        .iter()
        .filter_map(|(path, file, _)| {
            let source = project.sources.get(file.file);
            let (release, line) = requirements::django_release(path, source.text())?;
            let key = (
                requirements::pin_rank(path),
                !file.production,
                source.display.matches('/').count(),
                source.display.clone(),
            );
            Some((key, release, format!("{}:{line}", source.display)))
        })
        .min_by(|a, b| a.0.cmp(&b.0));
    match pin {
        Some((_, release, source)) if django_versions::is_known(release) => DjangoDefaults {
            release,
            pinned: None,
            source: Some(source),
        },
        Some((_, release, source)) => DjangoDefaults {
            release: NEWEST,
            pinned: Some(release),
            source: Some(source),
        },
        None => DjangoDefaults {
            release: NEWEST,
            pinned: None,
            source: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (name, text) in files {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    fn load_in(root: &Path, found: &[&str]) -> (Project, Dependencies) {
        let root = root.canonicalize().unwrap();
        let mut project = Project::new(vec![root.clone()], root.clone());
        let found: Vec<PathBuf> = found.iter().map(|f| root.join(f)).collect();
        let dependencies = load(&mut project, &found);
        (project, dependencies)
    }

    #[test]
    fn production_follows_includes_and_the_pin_prefers_lock_files() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                ("requirements/base.txt", "Django==4.2.7\n-r common.in\n"),
                ("requirements/common.in", "psycopg2-binary\n"),
                ("requirements/production.txt", "-r base.txt\ngunicorn\n"),
                (
                    "requirements/local.txt",
                    "-r base.txt\ndjango-debug-toolbar\n",
                ),
                (
                    "pyproject.toml",
                    "[project]\ndependencies = [\"django>=3.2\"]\n",
                ),
            ],
        );
        let (project, deps) = load_in(
            dir.path(),
            &[
                "pyproject.toml",
                "requirements/base.txt",
                "requirements/local.txt",
                "requirements/production.txt",
            ],
        );
        let shown: Vec<(String, bool)> = deps
            .files
            .iter()
            .map(|f| (project.sources.get(f.file).display.clone(), f.production))
            .collect();
        assert_eq!(
            shown,
            [
                ("pyproject.toml".to_string(), false),
                ("requirements/base.txt".to_string(), true),
                ("requirements/common.in".to_string(), true),
                ("requirements/local.txt".to_string(), false),
                ("requirements/production.txt".to_string(), true),
            ]
        );
        assert_eq!(
            deps.django,
            DjangoDefaults {
                release: (4, 2),
                pinned: None,
                source: Some("requirements/base.txt:1".into())
            }
        );
        assert_eq!(
            deps.django.describe(),
            "4.2 (pinned in requirements/base.txt:1)"
        );

        write(
            dir.path(),
            &[(
                "poetry.lock",
                "[[package]]\nname = \"django\"\nversion = \"7.0.1\"\n",
            )],
        );
        let (_, deps) = load_in(dir.path(), &["requirements/base.txt", "poetry.lock"]);
        assert_eq!(deps.django.release, NEWEST);
        assert_eq!(deps.django.pinned, Some((7, 0)));
        assert_eq!(deps.django.source.as_deref(), Some("poetry.lock:2"));
    }

    #[test]
    fn without_a_pin_the_newest_defaults_apply() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[("requirements.txt", "django\n")]);
        let (_, deps) = load_in(dir.path(), &["requirements.txt"]);
        assert_eq!(deps.django.source, None);
        assert_eq!(
            deps.django.describe(),
            "6.1 (newest; no Django version pinned)"
        );
        assert!(!deps.files[0].production);
    }
}
