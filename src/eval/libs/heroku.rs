//! django-heroku: `django_heroku.settings(locals())`, which rewrites the settings it is given.

use super::{database_url, env_of};
use crate::eval::value::{Args, Kind, Object, Value};
use crate::eval::{Frame, Run};
use crate::source::Span;

impl<'p> Run<'p> {
    /// `django_heroku.settings(locals())` rewrites the settings it is given: ALLOWED_HOSTS
    /// becomes `['*']` (unless `allowed_hosts=False`), SECRET_KEY and DATABASES come from the
    /// environment when set, and the static-files, logging and test-runner settings change.
    pub(super) fn heroku(&mut self, frame: &mut Frame, args: &Args, span: Span) -> Value {
        let enabled = |name: &str| {
            !args
                .keywords
                .iter()
                .any(|(k, v)| k == name && v.truthy() == Some(false))
        };
        if enabled("allowed_hosts") {
            let wildcard = Value::new(Kind::List(Object::new(vec![Value::str("*", span)])), span);
            self.bind(frame, "ALLOWED_HOSTS", wildcard, span);
        }
        if enabled("secret_key")
            && let Some(key) = self.getenv("SECRET_KEY")
        {
            self.bind(
                frame,
                "SECRET_KEY",
                Value::str(&key, span).with_env(&env_of("SECRET_KEY")),
                span,
            );
        }
        if enabled("databases")
            && let Some(url) = self.getenv("DATABASE_URL")
        {
            let database = database_url(&url, span).with_env(&env_of("DATABASE_URL"));
            let databases = Value::new(
                Kind::Dict(Object::new(vec![(Value::str("default", span), database)])),
                span,
            );
            self.bind(frame, "DATABASES", databases, span);
        }
        for name in [
            "STATIC_ROOT",
            "STATIC_URL",
            "STATICFILES_STORAGE",
            "MIDDLEWARE",
            "LOGGING",
            "TEST_RUNNER",
        ] {
            if frame.ns.bindings.contains_key(name) || name != "MIDDLEWARE" {
                self.bind(frame, name, Value::unknown("set by django_heroku.settings(), which djsafe models only for ALLOWED_HOSTS, SECRET_KEY and DATABASES", span), span);
            }
        }
        Value::new(Kind::None, span)
    }
}
