//! What a module's code says about it before it is evaluated: whether it defines settings at all,
//! and whether they are Django's. A settings module found by its file name alone is linted only
//! when both hold, so an empty `settings/__init__.py`, an app's own `settings.py` or a Flask
//! `settings.py` are left alone.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use crate::django_settings;

/// Names Django shares with other frameworks' settings (Flask's `DEBUG`, `SECRET_KEY` and session
/// cookie options): assigning only these says nothing about which framework reads them.
const SHARED_NAMES: &[&str] = &[
    "DEBUG",
    "LOGGING",
    "SECRET_KEY",
    "SESSION_COOKIE_DOMAIN",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_PATH",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_SECURE",
    "TIME_ZONE",
];

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Assigns an upper-case name (what Django's settings loader keeps), at module level or in
    /// a block there (`if`, `try`, `for`, `with`, `match`).
    pub assigns_settings: bool,
    /// Assigns one of Django's own settings that other frameworks do not share
    /// (`INSTALLED_APPS`, `MIDDLEWARE`, `ROOT_URLCONF`...).
    pub assigns_django_setting: bool,
    /// Assigns one of Django's settings, the names it shares with other frameworks (`DEBUG`,
    /// `SECRET_KEY`) included.
    pub assigns_any_django_name: bool,
    /// `from x import *`.
    pub star_imports: bool,
    /// django-split-settings' `include(...)`, or `exec(...)` (settings kept in files the module
    /// runs, such as `*.conf`).
    pub includes: bool,
    /// A django-configurations class (`class Dev(Configuration)`).
    pub configuration_classes: bool,
    /// Imports `django`, `configurations` or `split_settings`.
    pub imports_django: bool,
    /// Imports another web framework (`flask`, `fastapi`...): an application of that framework.
    pub imports_other_framework: bool,
    /// Imports `django.conf`'s `settings`: an app reading the project's settings (its own
    /// `settings.py` of defaults), which a settings module never does.
    pub reads_django_settings: bool,
}

impl Shape {
    /// Whether Django would find any setting in it.
    pub fn defines_settings(&self) -> bool {
        self.assigns_settings || self.star_imports || self.includes || self.configuration_classes
    }

    /// Whether it is a Django settings module in a repository that runs Django: it assigns one
    /// of Django's settings, `DEBUG` or `SECRET_KEY` will do (an app's own `settings.py`
    /// assigns only its own names).
    pub fn is_django_in_a_django_project(&self) -> bool {
        // Importing from `django` says nothing here: every app module does (an app's
        // `models/settings.py` holding a model and an `INSTANCE_IDENTIFIER`).
        self.assigns_any_django_name
            || self.assigns_django_setting
            || self.star_imports
            || self.includes
            || self.configuration_classes
    }

    /// Whether what it defines is for Django rather than another framework, wherever it is.
    /// Star imports and includes bring in other settings modules, which are Django's if anything
    /// is.
    pub fn is_django(&self) -> bool {
        self.assigns_django_setting
            || self.imports_django
            || self.star_imports
            || self.includes
            || self.configuration_classes
    }
}

pub fn shape(root: Node, text: &str) -> Shape {
    let mut shape = Shape::default();
    block(root, text, &mut shape, 0);
    shape
}

/// Blocks nest at most this deep before djsafe stops looking (settings are flat).
const MAX_DEPTH: usize = 16;

fn block(node: Node, text: &str, shape: &mut Shape, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        statement(child, text, shape, depth);
    }
}

fn statement(node: Node, text: &str, shape: &mut Shape, depth: usize) {
    match node.kind_name() {
        "expression_statement" => {
            let mut cursor = node.walk();
            for expression in node.named_children(&mut cursor) {
                match expression.kind_name() {
                    "assignment" | "augmented_assignment" => {
                        if let Some(target) = expression.field(Field::Left) {
                            assigned(target, text, shape);
                        }
                    }
                    "call" => call(expression, text, shape),
                    _ => {}
                }
            }
        }
        "import_from_statement" => {
            let mut cursor = node.walk();
            if node
                .children(&mut cursor)
                .any(|c| c.kind_name() == "wildcard_import")
            {
                shape.star_imports = true;
            }
            if let Some(module) = node.field(Field::ModuleName) {
                let module = &text[module.byte_range()];
                imported(module, shape);
                let mut cursor = node.walk();
                let names_settings = node
                    .children_by_field_name("name", &mut cursor)
                    .any(|n| text[n.byte_range()].split_whitespace().next() == Some("settings"));
                if module == "django.conf" && names_settings {
                    shape.reads_django_settings = true;
                }
            }
        }
        "import_statement" => {
            let mut cursor = node.walk();
            for name in node.children_by_field_name("name", &mut cursor) {
                imported(&text[name.byte_range()], shape);
            }
        }
        "class_definition" => {
            if let Some(bases) = node.field(Field::Superclasses)
                && text[bases.byte_range()].contains("Configuration")
            {
                shape.configuration_classes = true;
            }
        }
        "decorated_definition" => {
            if let Some(definition) = node.field(Field::Definition) {
                statement(definition, text, shape, depth);
            }
        }
        "if_statement" | "try_statement" | "for_statement" | "with_statement"
        | "match_statement" | "elif_clause" | "else_clause" | "except_clause"
        | "finally_clause" | "case_clause" | "block" => {
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                if child.kind_name() == "block" {
                    block(child, text, shape, depth + 1);
                } else {
                    statement(child, text, shape, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn assigned(target: Node, text: &str, shape: &mut Shape) {
    match target.kind_name() {
        "identifier" => setting_name(&text[target.byte_range()], shape),
        // `DATABASES['default'] = ...`, `MIDDLEWARE.x = ...`: the name at the root.
        "subscript" | "attribute" => {
            if let Some(object) = target
                .field(Field::Value)
                .or_else(|| target.field(Field::Object))
            {
                assigned(object, text, shape);
            }
        }
        "pattern_list" | "tuple_pattern" | "list_pattern" | "expression_list" => {
            let mut cursor = target.walk();
            for item in target.named_children(&mut cursor) {
                assigned(item, text, shape);
            }
        }
        _ => {}
    }
}

/// `MIDDLEWARE.append(...)`, `INSTALLED_APPS.extend(...)`, split-settings' `include(...)` and
/// `exec(...)`.
fn call(call: Node, text: &str, shape: &mut Shape) {
    let Some(function) = call.field(Field::Function) else {
        return;
    };
    match function.kind_name() {
        "identifier" if matches!(&text[function.byte_range()], "include" | "exec") => {
            shape.includes = true
        }
        "attribute" => {
            if let Some(object) = function.field(Field::Object)
                && object.kind_name() == "identifier"
            {
                let name = &text[object.byte_range()];
                if name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
                    && django_settings::NAMES.binary_search(&name).is_ok()
                    && !SHARED_NAMES.contains(&name)
                {
                    shape.assigns_django_setting = true;
                }
            }
            if text[function.byte_range()].ends_with(".include") {
                shape.includes = true;
            }
        }
        _ => {}
    }
}

fn setting_name(name: &str, shape: &mut Shape) {
    let upper = name.chars().any(|c| c.is_ascii_uppercase())
        && !name.chars().any(|c| c.is_ascii_lowercase());
    if !upper {
        return;
    }
    shape.assigns_settings = true;
    if django_settings::NAMES.binary_search(&name).is_ok() {
        shape.assigns_any_django_name = true;
        if !SHARED_NAMES.contains(&name) {
            shape.assigns_django_setting = true;
        }
    }
}

fn imported(module: &str, shape: &mut Shape) {
    let top = module
        .trim_start_matches('.')
        .split(['.', ' '])
        .next()
        .unwrap_or_default();
    if matches!(top, "django" | "configurations" | "split_settings") {
        shape.imports_django = true;
    }
    if OTHER_FRAMEWORKS.contains(&top) {
        shape.imports_other_framework = true;
    }
}

/// Python web frameworks other than Django, by the package their applications import.
const OTHER_FRAMEWORKS: &[&str] = &[
    "flask",
    "quart",
    "fastapi",
    "starlette",
    "litestar",
    "sanic",
    "aiohttp",
    "bottle",
    "falcon",
    "pyramid",
    "tornado",
    "cherrypy",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn of(source: &str) -> Shape {
        let mut parser = crate::parse::python_parser();
        let (tree, _) = crate::parse::parse_python(&mut parser, source).unwrap();
        shape(tree.root_node(), source)
    }

    #[test]
    fn an_empty_or_documentation_only_package_defines_no_settings() {
        assert!(!of("").defines_settings());
        assert!(
            !of("\"\"\"Settings live in the modules of this package.\"\"\"\n").defines_settings()
        );
        assert!(!of("# nothing here\nimport os\n").defines_settings());
    }

    #[test]
    fn settings_are_upper_case_names_star_imports_includes_and_classes() {
        assert!(of("DEBUG = True\n").defines_settings());
        assert!(of("_PRIVATE_SETTING = 1\n").defines_settings());
        assert!(of("try:\n    from .local import *\nexcept ImportError:\n    pass\n").star_imports);
        assert!(of("from split_settings.tools import include\ninclude('a.py')\n").includes);
        assert!(
            of("from configurations import Configuration\nclass Dev(Configuration):\n    DEBUG = True\n")
                .configuration_classes
        );
        assert!(!of("debug = True\nMixedCase = 1\n").defines_settings());
    }

    #[test]
    fn flask_settings_are_not_django() {
        let flask = of(
            "import os\nDEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nSQLALCHEMY_DATABASE_URI = 'sqlite://'\nSESSION_COOKIE_SECURE = True\n",
        );
        assert!(flask.defines_settings());
        assert!(!flask.is_django());
        assert!(of("DEBUG = True\nINSTALLED_APPS = []\n").is_django());
        assert!(of("DEBUG = True\nMIDDLEWARE.append('x')\n").is_django());
        assert!(
            of("from django.utils.translation import gettext_lazy as _\nDEBUG = 1\n").is_django()
        );
        assert!(of("if True:\n    DATABASES['default'] = {}\n").is_django());
    }

    #[test]
    fn an_app_module_importing_django_is_not_settings_in_a_django_project() {
        // pretalx's `common/models/settings.py`: a model and one upper-case name.
        let app = of(
            "from django.db import models\nfrom django.utils.translation import gettext_noop\n\nINSTANCE_IDENTIFIER = None\n\nclass GlobalSettings(models.Model):\n    pass\n",
        );
        assert!(app.defines_settings());
        assert!(app.is_django());
        assert!(!app.is_django_in_a_django_project());
        assert!(
            of("from django.utils.translation import gettext_lazy as _\nDEBUG = 1\n")
                .is_django_in_a_django_project()
        );
        assert!(of("from .base import *\n").is_django_in_a_django_project());
    }

    #[test]
    fn an_app_reading_the_project_settings_is_not_a_settings_module() {
        let app = of(
            "from django.conf import settings\n\nTHUMBNAIL_SIZE = getattr(settings, 'THUMBNAIL_SIZE', 128)\n",
        );
        assert!(app.reads_django_settings);
        assert!(!of("from django.conf import global_settings\nX = 1\n").reads_django_settings);
    }
}
