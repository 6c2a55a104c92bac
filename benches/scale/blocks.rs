//! Pieces of settings modules as real projects write them: the `startproject` lists, a hardened
//! security block, environment reads in the three usual spellings (os.environ, django-environ,
//! python-decouple), and the bulk real settings carry (logging, caches, Celery, REST framework,
//! feature flags). Everything here is secure: insecure values are planted by the styles, which
//! record where.

use crate::tree::Rng;

/// How a project reads its environment.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Env {
    Os,
    Environ,
    Decouple,
}

impl Env {
    /// The imports and setup lines a module reading the environment starts with.
    pub fn header(self) -> &'static str {
        match self {
            Env::Os => "import os\nfrom pathlib import Path",
            Env::Environ => "from pathlib import Path\n\nimport environ\n\nenv = environ.Env()",
            Env::Decouple => "from pathlib import Path\n\nfrom decouple import Csv, config",
        }
    }

    /// DEBUG off unless the deployment opts in.
    pub fn debug_safe(self) -> &'static str {
        match self {
            Env::Os => "DEBUG = os.getenv('DJANGO_DEBUG', '').lower() in ('1', 'true', 'yes')",
            Env::Environ => "DEBUG = env.bool('DJANGO_DEBUG', default=False)",
            Env::Decouple => "DEBUG = config('DJANGO_DEBUG', default=False, cast=bool)",
        }
    }

    /// DEBUG on when the variable is unset: a planted DJS001.
    pub fn debug_fail_open(self) -> &'static str {
        match self {
            Env::Os => "DEBUG = os.getenv('DEBUG', 'True') != 'False'",
            Env::Environ => "DEBUG = env.bool('DJANGO_DEBUG', default=True)",
            Env::Decouple => "DEBUG = config('DEBUG', default=True, cast=bool)",
        }
    }

    /// SECRET_KEY required from the environment.
    pub fn secret_safe(self) -> &'static str {
        match self {
            Env::Os => "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']",
            Env::Environ => "SECRET_KEY = env('DJANGO_SECRET_KEY')",
            Env::Decouple => "SECRET_KEY = config('DJANGO_SECRET_KEY')",
        }
    }

    /// SECRET_KEY with a literal fallback (long and varied, so only DJS003 fires, not DJS020).
    pub fn secret_fallback(self, key: &str) -> String {
        match self {
            Env::Os => format!("SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '{key}')"),
            Env::Environ => format!("SECRET_KEY = env('DJANGO_SECRET_KEY', default='{key}')"),
            Env::Decouple => format!("SECRET_KEY = config('DJANGO_SECRET_KEY', default='{key}')"),
        }
    }

    /// ALLOWED_HOSTS from the environment, defaulting to the project's own host.
    pub fn hosts_safe(self, host: &str) -> String {
        match self {
            Env::Os => {
                format!("ALLOWED_HOSTS = os.getenv('DJANGO_ALLOWED_HOSTS', '{host}').split(',')")
            }
            Env::Environ => {
                format!("ALLOWED_HOSTS = env.list('DJANGO_ALLOWED_HOSTS', default=['{host}'])")
            }
            Env::Decouple => format!(
                "ALLOWED_HOSTS = config('DJANGO_ALLOWED_HOSTS', default='{host}', cast=Csv())"
            ),
        }
    }

    /// ALLOWED_HOSTS that let every host in when the variable is unset: a planted DJS002.
    pub fn hosts_wildcard_default(self) -> &'static str {
        match self {
            Env::Os => "ALLOWED_HOSTS = os.getenv('DJANGO_ALLOWED_HOSTS', '*').split(',')",
            Env::Environ => "ALLOWED_HOSTS = env.list('DJANGO_ALLOWED_HOSTS', default=['*'])",
            Env::Decouple => {
                "ALLOWED_HOSTS = config('DJANGO_ALLOWED_HOSTS', default='*', cast=Csv())"
            }
        }
    }

    /// A value read from the environment with a harmless default, as Python source.
    pub fn read(self, var: &str, default: &str) -> String {
        match self {
            Env::Os => format!("os.environ.get('{var}', '{default}')"),
            Env::Environ => format!("env('{var}', default='{default}')"),
            Env::Decouple => format!("config('{var}', default='{default}')"),
        }
    }

    /// A boolean flag read from the environment, off by default.
    pub fn flag(self, var: &str) -> String {
        match self {
            Env::Os => format!("os.getenv('{var}', 'false').lower() == 'true'"),
            Env::Environ => format!("env.bool('{var}', default=False)"),
            Env::Decouple => format!("config('{var}', default=False, cast=bool)"),
        }
    }

    /// `DATABASES` with the password from the environment; with `password_default`, a literal
    /// fallback on the line `PASSWORD` is on (a planted DJS033).
    pub fn databases(self, name: &str, password_default: Option<&str>) -> Vec<String> {
        let password = match password_default {
            Some(default) => self.read("POSTGRES_PASSWORD", default),
            None => self.read("POSTGRES_PASSWORD", ""),
        };
        vec![
            "DATABASES = {".into(),
            "    'default': {".into(),
            "        'ENGINE': 'django.db.backends.postgresql',".into(),
            format!("        'NAME': {},", self.read("POSTGRES_DB", name)),
            format!("        'USER': {},", self.read("POSTGRES_USER", name)),
            format!("        'PASSWORD': {password},"),
            format!("        'HOST': {},", self.read("POSTGRES_HOST", "db")),
            "        'PORT': '5432',".into(),
            "        'CONN_MAX_AGE': 60,".into(),
            "    }".into(),
            "}".into(),
        ]
    }
}

pub const INSTALLED_APPS_HEAD: &str = "INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',";

/// `INSTALLED_APPS` with the project's apps (`apps.<name>`) and some third-party ones.
pub fn installed_apps(apps: &[String], rng: &mut Rng) -> String {
    let mut text = String::from(INSTALLED_APPS_HEAD);
    for third in [
        "rest_framework",
        "corsheaders",
        "django_filters",
        "storages",
    ] {
        if rng.chance(50) {
            text.push_str(&format!("\n    '{third}',"));
        }
    }
    for app in apps {
        text.push_str(&format!("\n    'apps.{app}',"));
    }
    text.push_str("\n]");
    text
}

pub const MIDDLEWARE: &str = "MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]";

pub const PASSWORD_VALIDATORS: &str = "AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.UserAttributeSimilarityValidator'},
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
    {'NAME': 'django.contrib.auth.password_validation.CommonPasswordValidator'},
    {'NAME': 'django.contrib.auth.password_validation.NumericPasswordValidator'},
]";

pub fn templates_and_urls(package: &str) -> String {
    format!(
        "ROOT_URLCONF = '{package}.urls'
WSGI_APPLICATION = '{package}.wsgi.application'

TEMPLATES = [
    {{
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'DIRS': [BASE_DIR / 'templates'],
        'APP_DIRS': True,
        'OPTIONS': {{
            'context_processors': [
                'django.template.context_processors.request',
                'django.contrib.auth.context_processors.auth',
                'django.contrib.messages.context_processors.messages',
            ],
        }},
    }},
]"
    )
}

/// What a deployed module needs for `check --deploy` to pass (and so for djsafe to say nothing).
pub const HARDENING: &str = "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = 'DENY'";

/// The bulk of a real settings module: internationalisation, static files, logging, caches,
/// Celery, REST framework, a run of feature flags read from the environment. Secure throughout.
pub fn bulk(env: Env, package: &str, rng: &mut Rng) -> String {
    let mut parts = vec![
        "LANGUAGE_CODE = 'en-us'\nTIME_ZONE = 'UTC'\nUSE_I18N = True\nUSE_TZ = True".to_string(),
        "STATIC_URL = '/static/'\nSTATIC_ROOT = BASE_DIR / 'staticfiles'\nMEDIA_URL = '/media/'\nMEDIA_ROOT = BASE_DIR / 'media'\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'".to_string(),
    ];
    if rng.chance(60) {
        parts.push(format!(
            "LOGGING = {{
    'version': 1,
    'disable_existing_loggers': False,
    'formatters': {{'plain': {{'format': '%(asctime)s %(levelname)s %(name)s %(message)s'}}}},
    'handlers': {{'console': {{'class': 'logging.StreamHandler', 'formatter': 'plain'}}}},
    'root': {{'handlers': ['console'], 'level': {}}},
    'loggers': {{'{package}': {{'level': 'INFO', 'propagate': True}}}},
}}",
            env.read("LOG_LEVEL", "INFO")
        ));
    }
    if rng.chance(50) {
        parts.push(format!(
            "CACHES = {{
    'default': {{
        'BACKEND': 'django.core.cache.backends.redis.RedisCache',
        'LOCATION': {},
        'TIMEOUT': 300,
    }}
}}",
            env.read("REDIS_URL", "redis://redis:6379/1")
        ));
    }
    if rng.chance(40) {
        parts.push(format!(
            "CELERY_BROKER_URL = {}\nCELERY_RESULT_BACKEND = 'django-db'\nCELERY_TASK_ACKS_LATE = True\nCELERY_TASK_TIME_LIMIT = 30 * 60",
            env.read("CELERY_BROKER_URL", "redis://redis:6379/0")
        ));
    }
    if rng.chance(50) {
        parts.push(
            "REST_FRAMEWORK = {
    'DEFAULT_AUTHENTICATION_CLASSES': [
        'rest_framework.authentication.SessionAuthentication',
    ],
    'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated'],
    'DEFAULT_PAGINATION_CLASS': 'rest_framework.pagination.PageNumberPagination',
    'PAGE_SIZE': 50,
}"
            .to_string(),
        );
    }
    if rng.chance(50) {
        parts.push(format!(
            "EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\nEMAIL_HOST = {}\nEMAIL_PORT = 587\nEMAIL_USE_TLS = True\nDEFAULT_FROM_EMAIL = 'noreply@{package}.example.com'",
            env.read("EMAIL_HOST", "smtp.example.com")
        ));
    }
    let flags = rng.between(5, 40);
    let mut flag_lines = Vec::new();
    for i in 0..flags {
        flag_lines.push(format!(
            "FEATURE_{}_{i} = {}",
            rng.pick(&["CHECKOUT", "SEARCH", "EXPORT", "BETA", "AUDIT", "SSO"]),
            env.flag(&format!("FEATURE_{i}"))
        ));
    }
    parts.push(flag_lines.join("\n"));
    parts.join("\n\n")
}
