//! How djsafe scales: a synthetic monorepo of Django projects (each a split-settings package with
//! a base, production, staging and development module, environment reads, helpers, conditionals
//! and list building), linted end to end by the release binary. Run with `cargo bench`; it prints
//! the time per run and per settings module. Not a test: nothing here asserts a duration.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const PROJECTS: usize = 200;
const RUNS: u32 = 5;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// One project: `app{n}/settings/{base,production,staging,development}.py`, `manage.py`, a
/// Dockerfile.
fn project(root: &Path, n: usize) {
    let dir = root.join(format!("project{n}"));
    let package = format!("app{n}");
    write(
        &dir.join("manage.py"),
        &format!(
            "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '{package}.settings.development')\n"
        ),
    );
    write(&dir.join(&package).join("__init__.py"), "");
    write(&dir.join(&package).join("settings/__init__.py"), "");
    write(
        &dir.join("Dockerfile"),
        &format!(
            "FROM python:3.12\nENV DJANGO_SETTINGS_MODULE={package}.settings.production DEBUG=False\n"
        ),
    );
    let mut base = String::from(
        "import os\nfrom pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n\n\
         def env_bool(name, default='false'):\n    return os.getenv(name, default).lower() in ('1', 'true', 'yes')\n\n\
         DEBUG = env_bool('DEBUG')\nSECRET_KEY = os.environ['SECRET_KEY']\n\
         ALLOWED_HOSTS = [h.strip() for h in os.getenv('ALLOWED_HOSTS', 'localhost').split(',') if h.strip()]\n\
         INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.auth',\n    'django.contrib.contenttypes',\n    'django.contrib.sessions',\n]\n\
         MIDDLEWARE = [\n    'django.middleware.security.SecurityMiddleware',\n    'django.contrib.sessions.middleware.SessionMiddleware',\n    'django.middleware.csrf.CsrfViewMiddleware',\n    'django.middleware.clickjacking.XFrameOptionsMiddleware',\n]\n\
         DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': os.getenv('DB_NAME', 'app'), 'PASSWORD': os.getenv('DB_PASSWORD', '')}}\n\
         STATIC_ROOT = BASE_DIR / 'static'\n",
    );
    for i in 0..60 {
        base.push_str(&format!(
            "FEATURE_{i} = os.getenv('FEATURE_{i}', '{i}') == '{i}'\n"
        ));
    }
    write(&dir.join(&package).join("settings/base.py"), &base);
    write(
        &dir.join(&package).join("settings/production.py"),
        "from .base import *\n\nSECURE_HSTS_SECONDS = 31536000\nSECURE_SSL_REDIRECT = True\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nif os.getenv('ENABLE_TOOLBAR'):\n    INSTALLED_APPS.append('debug_toolbar')\n",
    );
    write(
        &dir.join(&package).join("settings/staging.py"),
        "from .production import *\n\nALLOWED_HOSTS += ['staging.example.com']\n",
    );
    write(
        &dir.join(&package).join("settings/development.py"),
        "from .base import *\n\nDEBUG = True\n",
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..PROJECTS {
        project(dir.path(), n);
    }
    let binary = env!("CARGO_BIN_EXE_djsafe");
    let mut times = Vec::new();
    let mut modules = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let output = Command::new(binary)
            .args(["check", "--output-format", "json", "--exit-zero"])
            .arg(dir.path())
            .output()
            .unwrap();
        times.push(start.elapsed());
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        modules = report["modules"].as_array().map_or(0, Vec::len);
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "scale: {PROJECTS} projects, {modules} settings modules: median {:.0} ms per run over {RUNS} runs (min {:.0} ms), {:.2} ms per module",
        ms(median),
        ms(times[0]),
        ms(median) / modules.max(1) as f64
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
