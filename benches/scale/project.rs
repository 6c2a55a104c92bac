//! One Django project of the monorepo: its settings in one of the real-world styles, the entry
//! points and deployment files that name them, its apps, and sometimes the folders djsafe must
//! never read (a virtual environment, `node_modules`, a `.git`, build output).

use crate::apps;
use crate::blocks::Env;
use crate::pruned;
use crate::styles;
use crate::tree::{Rng, Tree};

/// How a project lays out its settings.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    /// `settings/{base,production,staging,development,test}.py`, `from .base import *`.
    Split,
    /// One `settings.py`.
    Single,
    /// `settings/__init__.py` star-imports base, then production or development by DJANGO_ENV.
    Selector,
    /// django-configurations classes in `settings.py`.
    Configurations,
    /// django-split-settings `include()` of components and `environments/<DJANGO_ENV>.py`.
    SplitSettings,
}

/// What a style needs to know about the project it writes settings for.
pub struct Project {
    /// The project's folder, relative to the tree (`services/billing-0042`).
    pub dir: String,
    /// Its Django package (`billing0042`).
    pub package: String,
    pub apps: Vec<String>,
    pub host: String,
    pub env: Env,
    pub style: Style,
}

impl Project {
    /// A path inside the project, relative to the tree.
    pub fn path(&self, rest: &str) -> String {
        format!("{}/{rest}", self.dir)
    }

    /// A path inside the Django package, relative to the tree.
    pub fn pkg_path(&self, rest: &str) -> String {
        format!("{}/{}/{rest}", self.dir, self.package)
    }
}

const GROUPS: &[&str] = &["services", "apps", "sites", "internal", "platform"];
const WORDS: &[&str] = &[
    "billing",
    "catalog",
    "checkout",
    "crm",
    "dashboard",
    "docs",
    "events",
    "fleet",
    "forms",
    "helpdesk",
    "hr",
    "inventory",
    "invoices",
    "ledger",
    "loyalty",
    "media",
    "newsletter",
    "orders",
    "partners",
    "payments",
    "portal",
    "pricing",
    "reports",
    "reviews",
    "search",
    "shipping",
    "signup",
    "survey",
    "tickets",
    "wiki",
];

/// Writes project number `n` of a tree into `tree`; `rng` is this project's own stream.
pub fn generate(tree: &mut Tree, n: usize, rng: &mut Rng) {
    let word = rng.pick(WORDS);
    let group = rng.pick(GROUPS);
    let style = match rng.below(100) {
        0..=34 => Style::Split,
        35..=59 => Style::Single,
        60..=69 => Style::Selector,
        70..=84 => Style::Configurations,
        _ => Style::SplitSettings,
    };
    let env = match (style, rng.below(4)) {
        (Style::Configurations | Style::SplitSettings, _) => Env::Os,
        (_, 0 | 1) => Env::Os,
        (_, 2) => Env::Environ,
        _ => Env::Decouple,
    };
    let app_count = rng.between(3, 4);
    let mut apps: Vec<String> = Vec::new();
    while apps.len() < app_count {
        let app = rng.pick(apps::APP_NAMES).to_string();
        if !apps.contains(&app) {
            apps.push(app);
        }
    }
    let project = Project {
        dir: format!("{group}/{word}-{n:04}"),
        package: format!("{word}{n:04}"),
        apps,
        host: format!("{word}-{n}.example.com"),
        env,
        style,
    };
    let modules = styles::settings(tree, &project, rng);
    entry_points(tree, &project, &modules, rng);
    requirements(tree, &project, rng);
    apps::write(tree, &project, rng);
    pruned::write(tree, &project, rng);
}

/// The dotted modules the entry points name: development (manage.py), production (wsgi.py,
/// asgi.py, Dockerfile), staging (a staging compose file), and the django-configurations class
/// each selects.
pub struct Modules {
    pub development: (String, Option<&'static str>),
    pub production: (String, Option<&'static str>),
    pub staging: Option<(String, Option<&'static str>)>,
}

fn entry_points(tree: &mut Tree, project: &Project, modules: &Modules, rng: &mut Rng) {
    let configurations = project.style == Style::Configurations;
    let (dev, dev_class) = &modules.development;
    let (prod, prod_class) = &modules.production;
    let manage_import = if configurations {
        "from configurations.management import execute_from_command_line"
    } else {
        "from django.core.management import execute_from_command_line"
    };
    let set_class = |class: &Option<&str>| {
        class.map_or(String::new(), |c| {
            format!("    os.environ.setdefault('DJANGO_CONFIGURATION', '{c}')\n")
        })
    };
    tree.file(
        project.path("manage.py"),
        format!(
            "#!/usr/bin/env python
\"\"\"Django's command-line utility for administrative tasks.\"\"\"
import os
import sys


def main():
    \"\"\"Run administrative tasks.\"\"\"
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', '{dev}')
{}    try:
        {manage_import}
    except ImportError as exc:
        raise ImportError(
            \"Couldn't import Django. Are you sure it's installed and \"
            \"available on your PYTHONPATH environment variable? Did you \"
            \"forget to activate a virtual environment?\"
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
",
            set_class(dev_class)
        ),
    );
    let wsgi_import = if configurations {
        "from configurations.wsgi import get_wsgi_application"
    } else {
        "from django.core.wsgi import get_wsgi_application"
    };
    let prod_class_line = prod_class.map_or(String::new(), |c| {
        format!("os.environ.setdefault('DJANGO_CONFIGURATION', '{c}')\n")
    });
    tree.file(
        project.pkg_path("wsgi.py"),
        format!(
            "\"\"\"
WSGI config for {package} project.

It exposes the WSGI callable as a module-level variable named ``application``.
\"\"\"

import os

os.environ.setdefault('DJANGO_SETTINGS_MODULE', '{prod}')
{prod_class_line}
{wsgi_import}  # noqa: E402

application = get_wsgi_application()
",
            package = project.package
        ),
    );
    if !configurations && rng.chance(40) {
        tree.file(
            project.pkg_path("asgi.py"),
            format!(
                "import os

from django.core.asgi import get_asgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', '{prod}')

application = get_asgi_application()
"
            ),
        );
    }
    tree.file(project.pkg_path("__init__.py"), "");
    tree.file(
        project.pkg_path("urls.py"),
        "from django.contrib import admin\nfrom django.urls import include, path\n\nurlpatterns = [\n    path('admin/', admin.site.urls),\n]\n",
    );
    let class_env = prod_class.map_or(String::new(), |c| {
        format!(" \\\n    DJANGO_CONFIGURATION={c}")
    });
    tree.file(
        project.path("Dockerfile"),
        format!(
            "FROM python:3.12-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

FROM base AS runtime
ENV DJANGO_SETTINGS_MODULE={prod}{class_env}
RUN python manage.py collectstatic --noinput
EXPOSE 8000
CMD [\"gunicorn\", \"{package}.wsgi:application\", \"--bind\", \"0.0.0.0:8000\", \"--workers\", \"3\"]
",
            package = project.package
        ),
    );
    if let Some((staging, class)) = &modules.staging {
        let class_line = class.map_or(String::new(), |c| {
            format!("      DJANGO_CONFIGURATION: {c}\n")
        });
        tree.file(
            project.path("docker-compose.staging.yml"),
            format!(
                "services:
  web:
    build: .
    command: gunicorn {package}.wsgi:application --bind 0.0.0.0:8000
    environment:
      DJANGO_SETTINGS_MODULE: {staging}
{class_line}    ports:
      - \"8000:8000\"
    depends_on:
      - db
  db:
    image: postgres:16
    environment:
      POSTGRES_DB: {package}
",
                package = project.package
            ),
        );
    }
}

fn requirements(tree: &mut Tree, project: &Project, rng: &mut Rng) {
    let mut lines = vec![
        format!(
            "Django=={}",
            rng.pick(&["4.2.16", "5.0.9", "5.1.4", "5.2.1"])
        ),
        "gunicorn==23.0.0".to_string(),
        "psycopg2==2.9.10".to_string(),
    ];
    match project.env {
        Env::Environ => lines.push("django-environ==0.12.0".into()),
        Env::Decouple => lines.push("python-decouple==3.8".into()),
        Env::Os => {}
    }
    match project.style {
        Style::Configurations => lines.push("django-configurations==2.5.1".into()),
        Style::SplitSettings => lines.push("django-split-settings==1.3.2".into()),
        _ => {}
    }
    tree.file(project.path("requirements.txt"), lines.join("\n") + "\n");
}
