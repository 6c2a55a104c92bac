//! Folders full of Python that are not the project's: virtual environments (found by their
//! `pyvenv.cfg`, whatever their name), `node_modules` (node-gyp ships Python), `.git`, build
//! output. Each also holds an insecure Django settings module that djsafe must never report:
//! the only way to miss them is not to descend.

use crate::project::Project;
use crate::tree::{Rng, Tree};

/// Insecure settings nobody deploys from here; `DEBUG = True` and friends, recognisably Django's.
fn decoy_settings(rng: &mut Rng) -> String {
    format!(
        "import os\n\nDEBUG = True\nSECRET_KEY = 'django-insecure-{}'\nALLOWED_HOSTS = ['*']\nINSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth', 'debug_toolbar']\nMIDDLEWARE = []\n",
        rng.key(40)
    )
}

/// A library module of some size, as site-packages holds thousands of.
fn library_module(name: &str, rng: &mut Rng) -> String {
    let mut text = format!(
        "\"\"\"{name}: vendored library code.\"\"\"\nimport functools\nimport re\n\n__all__ = ['parse', 'render']\n\n_PATTERN = re.compile(r'[a-z]+')\n"
    );
    for i in 0..rng.between(2, 8) {
        text.push_str(&format!(
            "\n\n@functools.lru_cache(maxsize=128)\ndef helper_{i}(value):\n    if not value:\n        return None\n    return _PATTERN.sub('', str(value)) + '{i}'\n"
        ));
    }
    text.push_str("\n\ndef parse(text):\n    return [helper_0(t) for t in text.split()]\n\n\ndef render(items):\n    return ' '.join(str(i) for i in items)\n");
    text
}

const SITE_PACKAGES: &[&str] = &[
    "requests",
    "urllib3",
    "certifi",
    "idna",
    "charset_normalizer",
    "sqlparse",
    "asgiref",
    "gunicorn",
    "psycopg2",
    "pytz",
    "six",
    "attr",
    "click",
    "jinja2",
    "markupsafe",
    "yaml",
];

pub fn write(tree: &mut Tree, project: &Project, rng: &mut Rng) {
    if rng.chance(4) {
        let venv = rng.pick(&[".venv", "venv", "env", ".env-py312"]);
        tree.file(
            project.path(&format!("{venv}/pyvenv.cfg")),
            "home = /usr/local/bin\ninclude-system-site-packages = false\nversion = 3.12.7\n",
        );
        let site = format!("{venv}/lib/python3.12/site-packages");
        for package in SITE_PACKAGES {
            let modules = rng.between(3, 12);
            tree.file(project.path(&format!("{site}/{package}/__init__.py")), "");
            for m in 0..modules {
                tree.file(
                    project.path(&format!("{site}/{package}/mod_{m}.py")),
                    library_module(package, rng),
                );
            }
        }
        tree.file(
            project.path(&format!("{site}/django/conf/global_settings.py")),
            "DEBUG = False\nALLOWED_HOSTS = []\nSECRET_KEY = ''\nMIDDLEWARE = []\n",
        );
        tree.file(
            project.path(&format!("{site}/demo_project/settings.py")),
            decoy_settings(rng),
        );
        tree.file(
            project.path(&format!("{site}/demo_project/settings/production.py")),
            decoy_settings(rng),
        );
    }
    if rng.chance(8) {
        let gyp = "frontend/node_modules/node-gyp/gyp/pylib/gyp";
        tree.file(project.path(&format!("{gyp}/__init__.py")), "");
        for m in 0..rng.between(15, 35) {
            tree.file(
                project.path(&format!("{gyp}/generator/gen_{m}.py")),
                library_module("gyp", rng),
            );
        }
        tree.file(
            project.path("frontend/node_modules/django-assets-demo/example/settings.py"),
            decoy_settings(rng),
        );
        tree.file(
            project.path("frontend/package.json"),
            "{\n  \"private\": true,\n  \"devDependencies\": {\"node-gyp\": \"^10.0.0\"}\n}\n",
        );
    }
    if rng.chance(3) {
        // A project cloned into the monorepo with its history.
        tree.file(project.path(".git/HEAD"), "ref: refs/heads/main\n");
        for hook in ["pre-commit", "commit-msg", "pre-push"] {
            tree.file(
                project.path(&format!(".git/hooks/{hook}.py")),
                "#!/usr/bin/env python3\nimport subprocess\nimport sys\n\nsys.exit(subprocess.call(['pre-commit', 'run']))\n",
            );
        }
        for m in 0..rng.between(5, 15) {
            tree.file(
                project.path(&format!(
                    ".git/filter-repo/old/{}/legacy_{m}.py",
                    project.package
                )),
                library_module("legacy", rng),
            );
        }
        tree.file(
            project.path(&format!(
                ".git/filter-repo/old/{}/settings.py",
                project.package
            )),
            decoy_settings(rng),
        );
    }
    if rng.chance(4) {
        // `python -m build` output: a copy of the package, settings included.
        let lib = format!("build/lib/{}", project.package);
        tree.file(project.path(&format!("{lib}/__init__.py")), "");
        tree.file(
            project.path(&format!("{lib}/settings.py")),
            decoy_settings(rng),
        );
        for m in 0..rng.between(5, 15) {
            tree.file(
                project.path(&format!("{lib}/compiled_{m}.py")),
                library_module("build", rng),
            );
        }
    }
}

/// The monorepo's own `.git`, at the top of the tree.
pub fn write_root(tree: &mut Tree, projects: usize, rng: &mut Rng) {
    tree.file(".git/HEAD", "ref: refs/heads/main\n");
    tree.file(
        ".git/config",
        "[core]\n\trepositoryformatversion = 0\n\tbare = false\n",
    );
    for m in 0..projects / 10 + 5 {
        tree.file(
            format!(".git/hooks/scripts/hook_{m}.py"),
            library_module("hook", rng),
        );
    }
    tree.file(
        ".git/lost-found/settings/production.py",
        decoy_settings(rng),
    );
    tree.file(
        "README.md",
        "# Monorepo\n\nEvery Django service of the company, one folder each.\n",
    );
}
