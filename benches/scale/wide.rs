//! One project whose settings import a single name from an app package, and that package imports
//! 1,000 more modules (ten subpackages of 99 modules each, plus their `__init__.py`). Evaluating
//! the settings needs that one name; a linter that loads the whole import closure parses them all.

use crate::blocks;
use crate::tree::{Py, Rng, Tree};

pub const SUBPACKAGES: usize = 10;
pub const MODULES_PER_SUBPACKAGE: usize = 99;

pub fn generate(tree: &mut Tree, rng: &mut Rng) {
    tree.file(
        "manage.py",
        "#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n",
    );
    tree.file("shop/__init__.py", "");
    tree.file(
        "shop/wsgi.py",
        "import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n\napplication = get_wsgi_application()\n",
    );
    tree.file("shop/urls.py", "urlpatterns = []\n");
    let mut settings = Py::new();
    settings.add("\"\"\"Settings of the shop; the hosts live with the catalog app, which owns the domains.\"\"\"\nimport os\nfrom pathlib import Path\n\nfrom catalog import SITE_HOSTS\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n");
    settings.add("SECRET_KEY = os.environ['DJANGO_SECRET_KEY']");
    settings.add("DEBUG = os.getenv('DJANGO_DEBUG', '') == '1'");
    settings.add("ALLOWED_HOSTS = SITE_HOSTS\n");
    settings.add(
        &blocks::installed_apps(&["catalog".to_string()], rng)
            .replace("'apps.catalog'", "'catalog'"),
    );
    settings.add("");
    settings.add(blocks::MIDDLEWARE);
    settings.add("");
    settings.add(&blocks::templates_and_urls("shop"));
    settings.add("");
    settings.add(&blocks::Env::Os.databases("shop", None).join("\n"));
    settings.add("");
    settings.add(blocks::PASSWORD_VALIDATORS);
    settings.add("");
    settings.add(&blocks::bulk(blocks::Env::Os, "shop", rng));
    settings.add("");
    settings.add(blocks::HARDENING);
    tree.file("shop/settings.py", settings.text());

    let mut init = Py::new();
    init.add("\"\"\"The catalog app: its subpackages register their models and signal handlers on import.\"\"\"\nfrom .conf import SITE_HOSTS  # noqa: F401\n");
    for s in 0..SUBPACKAGES {
        init.add(&format!("from . import section_{s:02}  # noqa: F401"));
    }
    tree.file("catalog/__init__.py", init.text());
    let mut conf = Py::new();
    conf.add("\"\"\"Domains the catalog is served on.\"\"\"\n");
    let line = conf.add("SITE_HOSTS = ['*']  # every storefront domain, until the list is known");
    tree.file("catalog/conf.py", conf.text());
    tree.planted_values += 1;
    tree.expect(
        &["shop.settings".to_string()],
        "catalog/conf.py",
        line,
        &["DJS002"],
    );

    for s in 0..SUBPACKAGES {
        let mut text = String::new();
        for m in 0..MODULES_PER_SUBPACKAGE {
            text.push_str(&format!("from . import m{m:02}  # noqa: F401\n"));
        }
        tree.file(format!("catalog/section_{s:02}/__init__.py"), text);
        for m in 0..MODULES_PER_SUBPACKAGE {
            let sibling = if m == 0 {
                String::new()
            } else {
                format!(
                    "from .m{:02} import Model{s}x{:02}  # noqa: F401\n",
                    m - 1,
                    m - 1
                )
            };
            tree.file(
                format!("catalog/section_{s:02}/m{m:02}.py"),
                format!(
                    "\"\"\"Catalog section {s}, part {m}.\"\"\"\nfrom django.db import models\n\n{sibling}\n\nclass Model{s}x{m:02}(models.Model):\n    name = models.CharField(max_length=100)\n    code = models.SlugField(unique=True)\n    price = models.DecimalField(max_digits=10, decimal_places=2, default=0)\n\n    class Meta:\n        app_label = 'catalog'\n\n    def __str__(self):\n        return self.name\n\n\ndef describe_{m:02}(item):\n    return f'{{item.code}}: {{item.name}} ({{item.price}})'\n"
                ),
            );
        }
    }
}
