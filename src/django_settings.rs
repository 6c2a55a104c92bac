//! The names of Django's own settings (django/conf/global_settings.py of 5.2, plus 6.x's
//! additions), to tell a Django settings module from an app's or library's `settings.py`.

pub const NAMES: &[&str] = &[
    "ABSOLUTE_URL_OVERRIDES",
    "ADMINS",
    "ALLOWED_HOSTS",
    "APPEND_SLASH",
    "AUTHENTICATION_BACKENDS",
    "AUTH_PASSWORD_VALIDATORS",
    "AUTH_USER_MODEL",
    "CACHES",
    "CACHE_MIDDLEWARE_ALIAS",
    "CACHE_MIDDLEWARE_KEY_PREFIX",
    "CACHE_MIDDLEWARE_SECONDS",
    "CSRF_COOKIE_AGE",
    "CSRF_COOKIE_DOMAIN",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_PATH",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_FAILURE_VIEW",
    "CSRF_HEADER_NAME",
    "CSRF_TRUSTED_ORIGINS",
    "CSRF_USE_SESSIONS",
    "DATABASES",
    "DATABASE_ROUTERS",
    "DATA_UPLOAD_MAX_MEMORY_SIZE",
    "DATA_UPLOAD_MAX_NUMBER_FIELDS",
    "DATA_UPLOAD_MAX_NUMBER_FILES",
    "DATETIME_FORMAT",
    "DATETIME_INPUT_FORMATS",
    "DATE_FORMAT",
    "DATE_INPUT_FORMATS",
    "DEBUG",
    "DEBUG_PROPAGATE_EXCEPTIONS",
    "DECIMAL_SEPARATOR",
    "DEFAULT_AUTO_FIELD",
    "DEFAULT_CHARSET",
    "DEFAULT_EXCEPTION_REPORTER",
    "DEFAULT_EXCEPTION_REPORTER_FILTER",
    "DEFAULT_FROM_EMAIL",
    "DEFAULT_INDEX_TABLESPACE",
    "DEFAULT_TABLESPACE",
    "DISALLOWED_USER_AGENTS",
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_HOST_USER",
    "EMAIL_PORT",
    "EMAIL_SSL_CERTFILE",
    "EMAIL_SSL_KEYFILE",
    "EMAIL_SUBJECT_PREFIX",
    "EMAIL_TIMEOUT",
    "EMAIL_USE_LOCALTIME",
    "EMAIL_USE_SSL",
    "EMAIL_USE_TLS",
    "FILE_UPLOAD_DIRECTORY_PERMISSIONS",
    "FILE_UPLOAD_HANDLERS",
    "FILE_UPLOAD_MAX_MEMORY_SIZE",
    "FILE_UPLOAD_PERMISSIONS",
    "FILE_UPLOAD_TEMP_DIR",
    "FIRST_DAY_OF_WEEK",
    "FIXTURE_DIRS",
    "FORCE_SCRIPT_NAME",
    "FORMAT_MODULE_PATH",
    "FORMS_URLFIELD_ASSUME_HTTPS",
    "FORM_RENDERER",
    "IGNORABLE_404_URLS",
    "INSTALLED_APPS",
    "INTERNAL_IPS",
    "LANGUAGES",
    "LANGUAGES_BIDI",
    "LANGUAGE_CODE",
    "LANGUAGE_COOKIE_AGE",
    "LANGUAGE_COOKIE_DOMAIN",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_NAME",
    "LANGUAGE_COOKIE_PATH",
    "LANGUAGE_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LOCALE_PATHS",
    "LOGGING",
    "LOGGING_CONFIG",
    "LOGIN_REDIRECT_URL",
    "LOGIN_URL",
    "LOGOUT_REDIRECT_URL",
    "MAILERS",
    "MANAGERS",
    "MEDIA_ROOT",
    "MEDIA_URL",
    "MESSAGE_STORAGE",
    "MIDDLEWARE",
    "MIGRATION_MODULES",
    "MONTH_DAY_FORMAT",
    "NUMBER_GROUPING",
    "PASSWORD_HASHERS",
    "PASSWORD_RESET_TIMEOUT",
    "PREPEND_WWW",
    "SECRET_KEY",
    "SECRET_KEY_FALLBACKS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CSP",
    "SECURE_CSP_REPORT_ONLY",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_REFERRER_POLICY",
    "SECURE_SSL_HOST",
    "SECURE_SSL_REDIRECT",
    "SERVER_EMAIL",
    "SESSION_CACHE_ALIAS",
    "SESSION_COOKIE_AGE",
    "SESSION_COOKIE_DOMAIN",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_PATH",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_SECURE",
    "SESSION_ENGINE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "SESSION_FILE_PATH",
    "SESSION_SAVE_EVERY_REQUEST",
    "SESSION_SERIALIZER",
    "SHORT_DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SIGNED_COOKIE_LEGACY_SALT_FALLBACK",
    "SIGNING_BACKEND",
    "SILENCED_SYSTEM_CHECKS",
    "STATICFILES_DIRS",
    "STATICFILES_FINDERS",
    "STATIC_ROOT",
    "STATIC_URL",
    "STORAGES",
    "TEMPLATES",
    "TEST_NON_SERIALIZED_APPS",
    "TEST_RUNNER",
    "THOUSAND_SEPARATOR",
    "TIME_FORMAT",
    "TIME_INPUT_FORMATS",
    "TIME_ZONE",
    "USE_I18N",
    "USE_THOUSAND_SEPARATOR",
    "USE_TZ",
    "USE_X_FORWARDED_HOST",
    "USE_X_FORWARDED_PORT",
    "WSGI_APPLICATION",
    "X_FRAME_OPTIONS",
    "YEAR_MONTH_FORMAT",
];

/// Whether Django's settings loader keeps a module attribute: `name.isupper()` in Python, so a
/// cased character and no lower-case one (`_SECRET` and `DB2_HOST` are settings, `Debug` is not).
pub fn is_setting_name(name: &str) -> bool {
    name.chars().any(|c| c.is_uppercase()) && !name.chars().any(|c| c.is_lowercase())
}

/// Whether `text` assigns (or extends) one of Django's settings at the start of a statement:
/// `DEBUG = ...`, `INSTALLED_APPS += ...`, `MIDDLEWARE.append(...)`, `DATABASES['x'] = ...`.
pub fn assigns_a_django_setting(text: &str) -> bool {
    text.lines()
        .flat_map(|line| line.split(';'))
        .any(|statement| {
            let statement = statement.trim_start();
            let name_end = statement
                .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
                .unwrap_or(statement.len());
            let rest = statement[name_end..].trim_start();
            name_end > 0
                && NAMES.binary_search(&&statement[..name_end]).is_ok()
                && ((rest.starts_with('=') && !rest.starts_with("=="))
                    || rest.starts_with("+=")
                    || rest.starts_with('.')
                    || rest.starts_with('[')
                    || rest.starts_with(':'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_names_are_what_str_isupper_accepts() {
        for name in ["DEBUG", "_SECRET", "__X", "DB2_HOST", "É"] {
            assert!(is_setting_name(name), "{name}");
        }
        for name in ["Debug", "debug", "_", "__all__", "123", "_É_é"] {
            assert!(!is_setting_name(name), "{name}");
        }
    }

    #[test]
    fn django_settings_are_recognized() {
        assert!(
            NAMES.windows(2).all(|w| w[0] < w[1]),
            "NAMES must stay sorted for binary search"
        );
        assert!(assigns_a_django_setting("X = 1; DEBUG = True\n"));
        assert!(assigns_a_django_setting("    MIDDLEWARE.append('x')\n"));
        assert!(assigns_a_django_setting("MAILERS: dict = {}\n"));
        assert!(!assigns_a_django_setting(
            "DEFAULTS = {'ACCESS_TOKEN_LIFETIME': 1}\nif DEBUG == 1: pass\n"
        ));
        assert!(!assigns_a_django_setting(
            "api_settings = APISettings(None, DEFAULTS)\n"
        ));
    }
}
