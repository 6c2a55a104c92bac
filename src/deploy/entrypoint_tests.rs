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
