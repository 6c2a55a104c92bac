//! Settings modules in the styles real projects use, each secure unless a value is planted. A
//! planted value is recorded with every deployed module that ends up with it (a value in
//! `base.py` reaches production and staging unless they override it); development modules carry
//! the same insecure values as decoys, which djsafe must not report.

use crate::blocks;
use crate::project::{Modules, Project, Style};
use crate::styles_more;
use crate::tree::{Py, Rng, Tree};

/// How often each plantable value of a project is insecure, in percent.
pub const PLANT_PERCENT: usize = 8;

pub fn settings(tree: &mut Tree, project: &Project, rng: &mut Rng) -> Modules {
    match project.style {
        Style::Split => split(tree, project, rng),
        Style::Single => single(tree, project, rng),
        Style::Selector => selector(tree, project, rng),
        Style::Configurations => styles_more::configurations(tree, project, rng),
        Style::SplitSettings => styles_more::split_settings(tree, project, rng),
    }
}

/// Whether to plant an insecure value here (counted in the tree's totals).
pub fn plant(tree: &mut Tree, rng: &mut Rng) -> bool {
    let planted = rng.chance(PLANT_PERCENT);
    if planted {
        tree.planted_values += 1;
    }
    planted
}

/// A secret key long and varied enough that only its being in the source is wrong (DJS003, not
/// DJS020).
pub fn strong_key(rng: &mut Rng) -> String {
    rng.key(56)
}

/// The insecure values development modules set, as decoys; returns each line with the rules it
/// would fire in a deployed module (when a fail-open selector picks the development file).
pub fn development_values(py: &mut Py, rng: &mut Rng) -> Vec<(usize, &'static [&'static str])> {
    let key = rng.key(50);
    vec![
        (py.add("DEBUG = True"), &["DJS001"][..]),
        (py.add("ALLOWED_HOSTS = ['*']"), &["DJS002"][..]),
        (
            py.add(&format!("SECRET_KEY = 'django-insecure-{key}'")),
            &["DJS003", "DJS020"][..],
        ),
        (
            py.add("EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'"),
            &["DJS027"][..],
        ),
        (
            py.add("INSTALLED_APPS += ['debug_toolbar']"),
            &["DJS035"][..],
        ),
    ]
}

/// `settings/{__init__,base,production,staging,development,test}.py`.
fn split(tree: &mut Tree, project: &Project, rng: &mut Rng) -> Modules {
    let env = project.env;
    let pkg = &project.package;
    let settings = format!("{pkg}.settings");
    let production = format!("{settings}.production");
    let staging = format!("{settings}.staging");
    let has_staging = rng.chance(60);
    let base_file = project.pkg_path("settings/base.py");
    let mut base = Py::new();
    base.add(&format!(
        "\"\"\"Settings shared by every environment of {pkg}.\"\"\"\n{}\n\nBASE_DIR = Path(__file__).resolve().parent.parent.parent\n",
        env.header()
    ));
    let debug_planted = plant(tree, rng);
    let debug_line = base.add(if debug_planted {
        env.debug_fail_open()
    } else {
        env.debug_safe()
    });
    base.add("");
    base.add(&blocks::installed_apps(&project.apps, rng));
    base.add("");
    base.add(blocks::MIDDLEWARE);
    base.add("");
    base.add(&blocks::templates_and_urls(pkg));
    base.add("");
    let password_planted = plant(tree, rng);
    let db = env.databases(pkg, password_planted.then_some("postgres"));
    let password_line = base.next_line() + 5;
    base.add(&db.join("\n"));
    base.add("");
    base.add(blocks::PASSWORD_VALIDATORS);
    base.add("");
    base.add(&blocks::bulk(env, pkg, rng));
    tree.file(&base_file, base.text());

    let staging_debug_planted = has_staging && plant(tree, rng);
    let mut deployed = vec![production.clone()];
    if has_staging {
        deployed.push(staging.clone());
    }
    if debug_planted {
        let reached: Vec<String> = deployed
            .iter()
            .filter(|m| !(staging_debug_planted && **m == staging))
            .cloned()
            .collect();
        tree.expect(&reached, &base_file, debug_line, &["DJS001"]);
    }
    if password_planted {
        tree.expect(&deployed, &base_file, password_line, &["DJS033"]);
    }

    let prod_file = project.pkg_path("settings/production.py");
    let mut prod = Py::new();
    prod.add(&format!(
        "\"\"\"Production settings: everything secret comes from the environment.\"\"\"\nfrom .base import *  # noqa: F401,F403\n{}\n",
        env.header()
    ));
    let secret_planted = plant(tree, rng);
    let secret_line = prod.add(&if secret_planted {
        env.secret_fallback(&strong_key(rng))
    } else {
        env.secret_safe().to_string()
    });
    let hosts_planted = plant(tree, rng);
    let hosts_line = prod.add(&if hosts_planted {
        if rng.chance(50) {
            "ALLOWED_HOSTS = ['*']".to_string()
        } else {
            env.hosts_wildcard_default().to_string()
        }
    } else {
        env.hosts_safe(&project.host)
    });
    prod.add("");
    prod.add(blocks::HARDENING);
    prod.add(&format!(
        "CSRF_TRUSTED_ORIGINS = ['https://{}']",
        project.host
    ));
    tree.file(&prod_file, prod.text());
    if secret_planted {
        tree.expect(&deployed, &prod_file, secret_line, &["DJS003"]);
    }
    if hosts_planted {
        // Staging sets its own ALLOWED_HOSTS.
        tree.expect(
            std::slice::from_ref(&production),
            &prod_file,
            hosts_line,
            &["DJS002"],
        );
    }

    if has_staging {
        let staging_file = project.pkg_path("settings/staging.py");
        let mut py = Py::new();
        py.add("from .production import *  # noqa: F401,F403\n");
        py.add(&format!("ALLOWED_HOSTS = ['staging.{}']", project.host));
        py.add("SECURE_HSTS_SECONDS = 300");
        if staging_debug_planted {
            let line = py.add("DEBUG = True  # TODO: remove before the demo");
            tree.expect(
                std::slice::from_ref(&staging),
                &staging_file,
                line,
                &["DJS001"],
            );
        }
        tree.file(&staging_file, py.text());
    }

    let mut dev = Py::new();
    dev.add("from .base import *  # noqa: F401,F403\n");
    development_values(&mut dev, rng);
    dev.add("MIDDLEWARE = ['debug_toolbar.middleware.DebugToolbarMiddleware'] + MIDDLEWARE");
    dev.add("INTERNAL_IPS = ['127.0.0.1']\n");
    dev.add("try:\n    from .local import *  # noqa: F401,F403\nexcept ImportError:\n    pass");
    tree.file(project.pkg_path("settings/development.py"), dev.text());
    tree.decoys += 1;
    tree.file(
        project.pkg_path("settings/test.py"),
        "from .base import *  # noqa: F401,F403\n\nSECRET_KEY = 'test'\nPASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}}\nEMAIL_BACKEND = 'django.core.mail.backends.locmem.EmailBackend'\n",
    );
    tree.file(project.pkg_path("settings/__init__.py"), "");
    Modules {
        development: (format!("{settings}.development"), None),
        production: (production, None),
        staging: has_staging.then_some((staging, None)),
    }
}

/// One `settings.py`, as `startproject` writes it, hardened.
fn single(tree: &mut Tree, project: &Project, rng: &mut Rng) -> Modules {
    let env = project.env;
    let pkg = &project.package;
    let module = format!("{pkg}.settings");
    let file = project.pkg_path("settings.py");
    let mut py = Py::new();
    py.add(&format!(
        "\"\"\"\nDjango settings for {pkg} project.\n\nGenerated by 'django-admin startproject' using Django 4.2.\n\"\"\"\n{}\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n",
        env.header()
    ));
    let modules = [module.clone()];
    if plant(tree, rng) {
        let line = py.add(&env.secret_fallback(&strong_key(rng)));
        tree.expect(&modules, &file, line, &["DJS003"]);
    } else {
        py.add(env.secret_safe());
    }
    if plant(tree, rng) {
        let line = py.add(env.debug_fail_open());
        tree.expect(&modules, &file, line, &["DJS001"]);
    } else {
        py.add(env.debug_safe());
    }
    if plant(tree, rng) {
        let line = py.add("ALLOWED_HOSTS = ['*']");
        tree.expect(&modules, &file, line, &["DJS002"]);
    } else {
        py.add(&env.hosts_safe(&project.host));
    }
    py.add("");
    py.add(&blocks::installed_apps(&project.apps, rng));
    py.add("");
    py.add(blocks::MIDDLEWARE);
    py.add("");
    py.add(&blocks::templates_and_urls(pkg));
    py.add("");
    let password_planted = plant(tree, rng);
    let db = env.databases(pkg, password_planted.then_some("changeme"));
    let line = py.add(&db.join("\n")) + 5;
    if password_planted {
        tree.expect(&modules, &file, line, &["DJS033"]);
    }
    py.add("");
    py.add(blocks::PASSWORD_VALIDATORS);
    py.add("");
    py.add(&blocks::bulk(env, pkg, rng));
    py.add("");
    py.add(blocks::HARDENING);
    tree.file(&file, py.text());
    Modules {
        development: (module.clone(), None),
        production: (module, None),
        staging: None,
    }
}

/// `settings/__init__.py` star-imports `base` and then `production` or `development` by
/// DJANGO_ENV. Planted: the selection falls back to development when DJANGO_ENV is unset, so the
/// deployed package gets every development value.
fn selector(tree: &mut Tree, project: &Project, rng: &mut Rng) -> Modules {
    let env = project.env;
    let pkg = &project.package;
    let package_module = format!("{pkg}.settings");
    let fail_open = plant(tree, rng);
    let selection = if fail_open {
        "if os.environ.get('DJANGO_ENV') == 'production':\n    from .production import *  # noqa: F401,F403\nelse:\n    from .development import *  # noqa: F401,F403"
    } else {
        "ENVIRONMENT = os.environ.get('DJANGO_ENV', 'production')\n\nif ENVIRONMENT == 'development':\n    from .development import *  # noqa: F401,F403\nelse:\n    from .production import *  # noqa: F401,F403"
    };
    tree.file(
        project.pkg_path("settings/__init__.py"),
        format!(
            "\"\"\"\nDJANGO_SETTINGS_MODULE is always '{package_module}'; DJANGO_ENV picks the overrides.\n\"\"\"\nimport os\n\nfrom .base import *  # noqa: F401,F403\n\n{selection}\n"
        ),
    );
    let mut base = Py::new();
    base.add(&format!(
        "{}\n\nBASE_DIR = Path(__file__).resolve().parent.parent.parent\n",
        env.header()
    ));
    base.add(env.debug_safe());
    base.add("");
    base.add(&blocks::installed_apps(&project.apps, rng));
    base.add("");
    base.add(blocks::MIDDLEWARE);
    base.add("");
    base.add(&blocks::templates_and_urls(pkg));
    base.add("");
    base.add(&env.databases(pkg, None).join("\n"));
    base.add("");
    base.add(blocks::PASSWORD_VALIDATORS);
    base.add("");
    base.add(&blocks::bulk(env, pkg, rng));
    base.add("");
    base.add(blocks::HARDENING);
    tree.file(project.pkg_path("settings/base.py"), base.text());

    // Deployments run the package; `production` is a fragment it imports (not linted alone).
    // With the development fallback, production is read only when DJANGO_ENV says so: nothing
    // is planted there, so what such a deployment gets is not in question.
    let prod_file = project.pkg_path("settings/production.py");
    let mut prod = Py::new();
    prod.add(&format!(
        "from .base import *  # noqa: F401,F403\n{}\n",
        env.header()
    ));
    let reached = vec![package_module.clone()];
    if !fail_open && plant(tree, rng) {
        let line = prod.add(&env.secret_fallback(&strong_key(rng)));
        tree.expect(&reached, &prod_file, line, &["DJS003"]);
    } else {
        prod.add(env.secret_safe());
    }
    if !fail_open && plant(tree, rng) {
        let line = prod.add(env.hosts_wildcard_default());
        tree.expect(&reached, &prod_file, line, &["DJS002"]);
    } else {
        prod.add(&env.hosts_safe(&project.host));
    }
    prod.add("DEBUG = False");
    tree.file(&prod_file, prod.text());

    let dev_file = project.pkg_path("settings/development.py");
    let mut dev = Py::new();
    dev.add("from .base import *  # noqa: F401,F403\n");
    let values = development_values(&mut dev, rng);
    tree.file(&dev_file, dev.text());
    if fail_open {
        for (line, rules) in values {
            tree.expect(
                std::slice::from_ref(&package_module),
                &dev_file,
                line,
                rules,
            );
        }
    } else {
        tree.decoys += 1;
    }
    Modules {
        development: (package_module.clone(), None),
        production: (package_module, None),
        staging: None,
    }
}
