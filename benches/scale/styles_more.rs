//! The settings styles built on libraries: django-configurations classes and
//! django-split-settings `include()`.

use crate::blocks::{self, Env};
use crate::project::{Modules, Project};
use crate::styles::{development_values, plant, strong_key};
use crate::tree::{Py, Rng, Tree};

/// `text` indented one level, for a class body.
fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `settings.py` with `Common(Configuration)`, `Dev(Common)`, `Production(Common)` and sometimes
/// `Staging(Production)`; manage.py selects Dev, wsgi.py and the Dockerfile Production.
pub fn configurations(tree: &mut Tree, project: &Project, rng: &mut Rng) -> Modules {
    let pkg = &project.package;
    let module = format!("{pkg}.settings");
    let production = format!("{module}:Production");
    let staging = format!("{module}:Staging");
    let has_staging = rng.chance(50);
    let mut deployed = vec![production.clone()];
    if has_staging {
        deployed.push(staging.clone());
    }
    let file = project.pkg_path("settings.py");
    let mut py = Py::new();
    py.add(&format!(
        "\"\"\"Class-based settings for {pkg} (django-configurations).\n\nDJANGO_CONFIGURATION names the class: 'Dev' (manage.py) or 'Production' (wsgi.py).\n\"\"\"\nimport os\nfrom pathlib import Path\n\nfrom configurations import Configuration, values\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n\n\nclass Common(Configuration):"
    ));
    if plant(tree, rng) {
        let line = py.add("    DEBUG = values.BooleanValue(True)");
        tree.expect(&deployed, &file, line, &["DJS001"]);
    } else {
        py.add("    DEBUG = values.BooleanValue(False)");
    }
    py.add("    SECRET_KEY = values.SecretValue()");
    py.add(&format!(
        "    ALLOWED_HOSTS = values.ListValue(['{}'])\n",
        project.host
    ));
    py.add(&indent(&blocks::installed_apps(&project.apps, rng)));
    py.add("");
    py.add(&indent(blocks::MIDDLEWARE));
    py.add("");
    py.add(&indent(&blocks::templates_and_urls(pkg)));
    py.add("");
    if plant(tree, rng) {
        let line = py.add(&format!(
            "    DATABASES = values.DatabaseURLValue('postgres://{pkg}:s3cr3t-{pkg}@db:5432/{pkg}')"
        ));
        tree.expect(&deployed, &file, line, &["DJS033"]);
    } else {
        py.add(&format!(
            "    DATABASES = values.DatabaseURLValue('postgres://db:5432/{pkg}')"
        ));
    }
    py.add("");
    py.add(&indent(blocks::PASSWORD_VALIDATORS));
    py.add("");
    py.add(&indent(&blocks::bulk(Env::Os, pkg, rng)));
    py.add("\n\nclass Dev(Common):");
    py.add("    DEBUG = True");
    py.add("    ALLOWED_HOSTS = ['*']");
    py.add(&format!(
        "    SECRET_KEY = 'django-insecure-{}'",
        rng.key(50)
    ));
    py.add("    EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'");
    py.add("    INSTALLED_APPS = Common.INSTALLED_APPS + ['debug_toolbar']");
    tree.decoys += 1;
    py.add("\n\nclass Production(Common):");
    py.add(&indent(blocks::HARDENING));
    if plant(tree, rng) {
        let line = py.add("    ALLOWED_HOSTS = values.ListValue(['*'])");
        // Staging names its own hosts.
        tree.expect(std::slice::from_ref(&production), &file, line, &["DJS002"]);
    }
    if plant(tree, rng) {
        let line = py.add(&format!(
            "    SECRET_KEY = values.Value('{}')",
            strong_key(rng)
        ));
        tree.expect(&deployed, &file, line, &["DJS003"]);
    }
    if has_staging {
        py.add("\n\nclass Staging(Production):");
        py.add(&format!(
            "    ALLOWED_HOSTS = ['staging.{}']\n    SECURE_HSTS_SECONDS = 300",
            project.host
        ));
    }
    tree.file(&file, py.text());
    Modules {
        development: (module.clone(), Some("Dev")),
        production: (module.clone(), Some("Production")),
        staging: has_staging.then_some((module, Some("Staging"))),
    }
}

/// `settings/__init__.py` includes `components/*.py` and `environments/<DJANGO_ENV>.py` (the
/// layout of wemake-django-template). Planted: DJANGO_ENV falls back to development.
pub fn split_settings(tree: &mut Tree, project: &Project, rng: &mut Rng) -> Modules {
    let env = Env::Os;
    let pkg = &project.package;
    let module = format!("{pkg}.settings");
    let fail_open = plant(tree, rng);
    let fallback = if fail_open {
        "development"
    } else {
        "production"
    };
    let include = match rng.below(3) {
        0 => "include(\n    'components/common.py',\n    'components/database.py',\n    'components/security.py',\n    optional('local_settings.py'),\n    'environments/%s.py' % ENV,\n)".to_string(),
        1 => "include(\n    'components/common.py',\n    'components/database.py',\n    'components/security.py',\n    f'environments/{ENV}.py',\n    optional('environments/local.py'),\n)".to_string(),
        _ => "_base_settings = (\n    'components/common.py',\n    'components/database.py',\n    'components/security.py',\n    # Select the right env:\n    'environments/{0}.py'.format(ENV),\n    # Optionally override some settings:\n    optional('environments/local.py'),\n)\n\n# Include settings:\ninclude(*_base_settings)".to_string(),
    };
    tree.file(
        project.pkg_path("settings/__init__.py"),
        format!(
            "\"\"\"\nThis is a django-split-settings main file.\n\nTo change settings file:\n`DJANGO_ENV=production python manage.py runserver`\n\"\"\"\nfrom os import environ\n\nfrom split_settings.tools import include, optional\n\n# Managing environment via DJANGO_ENV variable:\nENV = environ.get('DJANGO_ENV') or '{fallback}'\n\n{include}\n"
        ),
    );
    let mut common = Py::new();
    common.add(&format!(
        "{}\n\nBASE_DIR = Path(__file__).resolve().parent.parent.parent\n\nDEBUG = False\n",
        env.header()
    ));
    common.add(&blocks::installed_apps(&project.apps, rng));
    common.add("");
    common.add(blocks::MIDDLEWARE);
    common.add("");
    common.add(&blocks::templates_and_urls(pkg));
    common.add("");
    common.add(blocks::PASSWORD_VALIDATORS);
    common.add("");
    common.add(&blocks::bulk(env, pkg, rng));
    tree.file(
        project.pkg_path("settings/components/common.py"),
        common.text(),
    );

    let db_file = project.pkg_path("settings/components/database.py");
    let mut db = Py::new();
    db.add("import os\n");
    let password_planted = plant(tree, rng);
    let line = db.add(
        &env.databases(pkg, password_planted.then_some("admin"))
            .join("\n"),
    ) + 5;
    if password_planted {
        tree.expect(std::slice::from_ref(&module), &db_file, line, &["DJS033"]);
    }
    tree.file(&db_file, db.text());
    tree.file(
        project.pkg_path("settings/components/security.py"),
        format!("{}\n", blocks::HARDENING),
    );

    let prod_file = project.pkg_path("settings/environments/production.py");
    let mut prod = Py::new();
    prod.add("import os\n\nDEBUG = False\n");
    // With the development fallback, production is read only when DJANGO_ENV says so: nothing
    // is planted there, so what such a deployment gets is not in question.
    let reached = vec![module.clone()];
    if !fail_open && plant(tree, rng) {
        let line = prod.add(&env.secret_fallback(&strong_key(rng)));
        tree.expect(&reached, &prod_file, line, &["DJS003"]);
    } else {
        prod.add(env.secret_safe());
    }
    if !fail_open && plant(tree, rng) {
        let line = prod.add("ALLOWED_HOSTS = ['*']");
        tree.expect(&reached, &prod_file, line, &["DJS002"]);
    } else {
        prod.add(&env.hosts_safe(&project.host));
    }
    tree.file(&prod_file, prod.text());

    let dev_file = project.pkg_path("settings/environments/development.py");
    let mut dev = Py::new();
    dev.add("# Development overrides. Names such as INSTALLED_APPS come from the components.\n");
    let values = development_values(&mut dev, rng);
    tree.file(&dev_file, dev.text());
    if fail_open {
        for (line, rules) in values {
            tree.expect(std::slice::from_ref(&module), &dev_file, line, rules);
        }
    } else {
        tree.decoys += 1;
    }
    Modules {
        development: (module.clone(), None),
        production: (module, None),
        staging: None,
    }
}
