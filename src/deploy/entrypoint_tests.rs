use super::*;

type Var = (String, Option<String>, usize);

fn summary(found: &[Deployment]) -> Vec<(Role, usize, Vec<Var>)> {
    found
        .iter()
        .map(|d| {
            let env = d
                .env
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.value.literal().map(str::to_string),
                        v.origin.line,
                    )
                })
                .collect();
            (d.role, d.origin.line, env)
        })
        .collect()
}

fn var(k: &str, v: Option<&str>, line: usize) -> Var {
    (k.to_string(), v.map(str::to_string), line)
}

#[test]
fn wsgi_defaults_are_fallbacks() {
    let text = "\
\"\"\"WSGI config. Set os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'docstring.settings') to change.\"\"\"
import os

from django.core.wsgi import get_wsgi_application

# os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'commented.settings')
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.production')

application = get_wsgi_application()
";
    assert_eq!(
        summary(&deployments(Path::new("mysite/wsgi.py"), text)),
        vec![(
            Role::Fallback,
            7,
            vec![var(
                "DJANGO_SETTINGS_MODULE",
                Some("mysite.settings.production"),
                7
            )]
        )]
    );
}

#[test]
fn configurations_and_forced_assignments() {
    let text = "\
import os
import sys

def main():
    os.environ.setdefault(
        \"DJANGO_SETTINGS_MODULE\",
        \"project.settings\",
    )
    os.environ.setdefault(\"DJANGO_CONFIGURATION\", \"Dev\")
    from configurations.management import execute_from_command_line
    execute_from_command_line(sys.argv)
";
    assert_eq!(
        summary(&deployments(Path::new("manage.py"), text)),
        vec![(
            Role::Fallback,
            7,
            vec![
                var("DJANGO_CONFIGURATION", Some("Dev"), 9),
                var("DJANGO_SETTINGS_MODULE", Some("project.settings"), 7)
            ]
        )]
    );
    let text = "\
import os
if 'test' in sys.argv:
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings.test')
else:
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings.dev')
os.environ['DJANGO_SETTINGS_MODULE'] = 'shop.settings.forced'
environ.setdefault('DJANGO_SETTINGS_MODULE', f'{PROJECT}.settings')
";
    assert_eq!(
        summary(&deployments(Path::new("manage.py"), text)),
        vec![
            (
                Role::Fallback,
                3,
                vec![var("DJANGO_SETTINGS_MODULE", Some("shop.settings.test"), 3)]
            ),
            (
                Role::Fallback,
                5,
                vec![var("DJANGO_SETTINGS_MODULE", Some("shop.settings.dev"), 5)]
            ),
            (
                Role::Fallback,
                7,
                vec![var("DJANGO_SETTINGS_MODULE", None, 7)]
            ),
            (
                Role::Runs,
                6,
                vec![var(
                    "DJANGO_SETTINGS_MODULE",
                    Some("shop.settings.forced"),
                    6
                )]
            ),
        ]
    );
}

#[test]
fn sys_path_additions_from_file_relative_paths() {
    let text = "\
import os
import sys
from pathlib import Path

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = Path(__file__).resolve().parent
sys.path.insert(0, os.path.join(BASE_DIR, 'apps'))
sys.path.insert(0, os.path.join(BASE_DIR, 'libs', 'vendor'))
sys.path.append(str(ROOT / 'src'))
sys.path.append(str(Path(__file__).parents[1] / 'shared'))
sys.path.insert(0, os.path.dirname(BASE_DIR))
sys.path.append('/opt/site-packages')
sys.path.append(os.environ['EXTRA'])
sys.path.insert(0, os.path.join(BASE_DIR, 'apps'))
";
    let paths = sys_path_additions(Path::new("/repo/web/manage.py"), text);
    assert_eq!(
        paths,
        [
            "/repo/web/apps",
            "/repo/web/libs/vendor",
            "/repo/web/src",
            "/repo/shared",
            "/repo"
        ]
        .map(PathBuf::from)
        .to_vec()
    );
}

#[test]
fn garbage_python_does_not_panic() {
    for text in [
        "os.environ.setdefault(",
        "os.environ[",
        "sys.path.insert(0, Path(__file__).parents[99])",
        "((((",
    ] {
        let _ = deployments(Path::new("wsgi.py"), text);
        let _ = sys_path_additions(Path::new("manage.py"), text);
    }
}

#[test]
fn a_name_assigned_a_conditional_is_read_branch_by_branch() {
    let text = "\
import os
settings_module = 'proj.production' if 'WEBSITE_HOSTNAME' in os.environ else 'proj.settings'
os.environ.setdefault('DJANGO_SETTINGS_MODULE', settings_module)
";
    let found = deployments(Path::new("proj/wsgi.py"), text);
    // The unset branch is the default; Azure App Service, which sets the variable, runs the
    // other one.
    assert_eq!(
        summary(&found),
        vec![
            (
                Role::Fallback,
                2,
                vec![var("DJANGO_SETTINGS_MODULE", Some("proj.settings"), 2)]
            ),
            (
                Role::Runs,
                2,
                vec![
                    var("DJANGO_SETTINGS_MODULE", Some("proj.production"), 2),
                    var("WEBSITE_HOSTNAME", Some("app.azurewebsites.net"), 2)
                ]
            )
        ]
    );
    assert_eq!(found[0].selected_by, None);
    assert_eq!(found[1].name.as_deref(), Some("Azure App Service"));
    assert_eq!(
        found[1].selected_by.as_ref().map(|s| s.var.as_str()),
        Some("WEBSITE_HOSTNAME")
    );
}

#[test]
fn an_if_else_assigning_the_name_and_compared_values() {
    let text = "\
import os

def main():
    if os.environ.get('DJANGO_ENV') == 'production':
        name = 'shop.settings.production'
    else:
        name = 'shop.settings.local'
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', name)
";
    let found = deployments(Path::new("manage.py"), text);
    assert_eq!(
        summary(&found),
        vec![
            (
                Role::Fallback,
                7,
                vec![var(
                    "DJANGO_SETTINGS_MODULE",
                    Some("shop.settings.local"),
                    7
                )]
            ),
            (
                Role::Fallback,
                5,
                vec![
                    var("DJANGO_ENV", Some("production"), 4),
                    var(
                        "DJANGO_SETTINGS_MODULE",
                        Some("shop.settings.production"),
                        5
                    )
                ]
            )
        ]
    );
    let selector = found[1].selected_by.as_ref().expect("selected");
    assert!(selector.holds(Some(&EnvValue::Literal("production".into()))));
    assert!(!selector.holds(Some(&EnvValue::Literal("staging".into()))));
    assert!(!selector.holds(None));
}

#[test]
fn a_negated_test_and_an_unreadable_branch() {
    // `not in`: the first branch is the one taken with the variable unset.
    let text = "\
import os
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.dev' if 'DYNO' not in os.environ else 'app.prod')
";
    let found = deployments(Path::new("app/asgi.py"), text);
    assert_eq!(found[0].settings_module().map(|(m, _)| m), Some("app.dev"));
    assert_eq!(found[1].settings_module().map(|(m, _)| m), Some("app.prod"));
    assert_eq!(found[1].name.as_deref(), Some("Heroku"));
    // A branch that is not a literal leaves the value unknown, as before.
    let text = "\
import os
os.environ.setdefault('DJANGO_SETTINGS_MODULE', pick() if 'DYNO' in os.environ else 'app.dev')
";
    let found = deployments(Path::new("app/wsgi.py"), text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].settings_module(), None);
}
