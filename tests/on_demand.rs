//! Modules are loaded on demand (issue 11): a settings module that takes one name from an app
//! whose package imports a thousand modules makes djsafe parse the few files that name depends
//! on, not the thousand. Counted through `DJSAFE_STATS` (files parsed), never through time.

mod common;

use std::path::Path;

use serde_json::Value;

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// `catalog/`: `__init__.py` takes `SITE_HOSTS` from `conf.py`, then imports ten subpackages of
/// a hundred modules each, every module importing the one before it.
fn write_catalog(root: &Path, extra_init: &str) {
    let mut init = String::from("from .conf import SITE_HOSTS  # noqa: F401\n");
    init.push_str(extra_init);
    for section in 0..10 {
        init.push_str(&format!(
            "from . import section_{section:02}  # noqa: F401\n"
        ));
        let mut section_init = String::new();
        for module in 0..100 {
            section_init.push_str(&format!("from . import m{module:02}  # noqa: F401\n"));
            let previous = if module > 0 {
                format!(
                    "from .m{:02} import Model{}  # noqa: F401\n",
                    module - 1,
                    module - 1
                )
            } else {
                String::new()
            };
            write(
                &root.join(format!("catalog/section_{section:02}/m{module:02}.py")),
                &format!(
                    "from django.db import models\n{previous}\n\nclass Model{module}(models.Model):\n    name = models.CharField(max_length=100)\n"
                ),
            );
        }
        write(
            &root.join(format!("catalog/section_{section:02}/__init__.py")),
            &section_init,
        );
    }
    write(&root.join("catalog/__init__.py"), &init);
    write(
        &root.join("catalog/conf.py"),
        "\"\"\"Domains the catalog is served on.\"\"\"\n\nSITE_HOSTS = ['*']\n",
    );
}

fn write_project(root: &Path, extra_init: &str) {
    write(
        &root.join("manage.py"),
        "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
    );
    write(&root.join("shop/__init__.py"), "");
    write(
        &root.join("shop/settings.py"),
        "import os\n\nfrom catalog import SITE_HOSTS\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nDEBUG = False\nALLOWED_HOSTS = SITE_HOSTS\nINSTALLED_APPS = ['django.contrib.admin', 'catalog']\n",
    );
    write_catalog(root, extra_init);
}

/// Runs `djsafe check . --output-format json --select DJS002` with the counters on; returns the
/// findings as `(rule, file, line)` and the number of files parsed.
fn check(root: &Path) -> (Vec<(String, String, u64)>, usize) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_djsafe"));
    let output = command
        .args([
            "check",
            ".",
            "--output-format",
            "json",
            "--select",
            "DJS002",
        ])
        .current_dir(root)
        .env("DJSAFE_STATS", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("the djsafe binary runs");
    let stderr = String::from_utf8(output.stderr).unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr:\n{stderr}"));
    let findings = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let parsed = common::parse_count(&stderr);
    (findings, parsed)
}

#[test]
fn one_name_from_a_package_of_a_thousand_modules_parses_a_few_files() {
    let tmp = tempfile::tempdir().unwrap();
    write_project(tmp.path(), "");
    let (findings, parsed) = check(tmp.path());
    assert_eq!(
        findings,
        vec![("DJS002".to_string(), "catalog/conf.py".to_string(), 3)]
    );
    // shop/settings.py, catalog/__init__.py and catalog/conf.py, each parsed when loaded and
    // again when evaluated, and Django's defaults: far from the 1,013 files of the tree.
    assert!(parsed <= 10, "{parsed} files parsed");
}

#[test]
fn what_the_name_depends_on_is_loaded_with_it() {
    // `__init__.py` adds to the name what a module deep in a subpackage defines: that module is
    // loaded (and the wildcard found there), not its package's other ninety-nine modules.
    let tmp = tempfile::tempdir().unwrap();
    write_project(
        tmp.path(),
        "from .section_03.m50 import EXTRA_HOSTS\nSITE_HOSTS = SITE_HOSTS + EXTRA_HOSTS\n",
    );
    write(
        &tmp.path().join("catalog/conf.py"),
        "SITE_HOSTS = ['shop.example.com']\n",
    );
    let module = tmp.path().join("catalog/section_03/m50.py");
    let text = std::fs::read_to_string(&module).unwrap();
    std::fs::write(&module, format!("{text}\nEXTRA_HOSTS = ['*']\n")).unwrap();
    let (findings, parsed) = check(tmp.path());
    let line = 1 + text.lines().count() as u64 + 1;
    assert_eq!(
        findings,
        vec![(
            "DJS002".to_string(),
            "catalog/section_03/m50.py".to_string(),
            line
        )]
    );
    // The four files of the first test and m50.py, each parsed when loaded and when evaluated.
    assert!(parsed <= 12, "{parsed} files parsed");
}
