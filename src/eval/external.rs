//! Calls of functions the project does not define, by dotted path (`os.getenv`,
//! `builtins.int`, `environ.Env.bool`...). This is the one place that knows every table of
//! modelled functions and the order they are tried in; the tables themselves (builtins, the
//! environment, the configuration libraries, library values, paths, the standard library) do
//! not know about each other.

use super::value::{Args, Kind, Value};
use super::{Frame, Run, library_values, libs, paths, stdlib};
use crate::source::Span;

/// Functions that return a new random value on every call, hence in every worker process.
const RANDOM_SOURCES: &[&str] = &[
    "django.core.management.utils.get_random_secret_key",
    "django.utils.crypto.get_random_string",
    "secrets.token_hex",
    "secrets.token_urlsafe",
    "secrets.token_bytes",
    "os.urandom",
    "uuid.uuid4",
];

/// Path prefixes of the configuration libraries whose functions read the environment or run
/// other settings files ([`Run::call_library`]).
const CONFIGURATION_LIBRARIES: &[&str] = &[
    "environ.Env.",
    "decouple.",
    "split_settings.",
    "dj_database_url.",
    "dj_email_url.",
    "django_cache_url.",
    "django_heroku.",
    "dbca_utils.",
];

impl Run<'_> {
    pub(super) fn call_external(
        &mut self,
        frame: &mut Frame,
        path: &str,
        args: &Args,
        span: Span,
    ) -> Value {
        let value = self.call_external_unescaped(frame, path, args, span);
        // A result djsafe does not know may be (or hold) one of the objects passed (`min`,
        // `next(iter(...))`, a default handed back): a change made through it would be lost.
        if value.is_unknown() {
            let reason = format!(
                "passed to `{path}()` at {}, whose result djsafe does not know",
                self.line_at(span)
            );
            self.forget_arguments(frame, args, &reason);
        }
        value
    }

    fn call_external_unescaped(
        &mut self,
        frame: &mut Frame,
        path: &str,
        args: &Args,
        span: Span,
    ) -> Value {
        if let Some(value) = self.call_os_environ(frame, path, args, span) {
            return value;
        }
        if let Some(value) = self.call_files(frame, path, args, span) {
            return value;
        }
        // `super()` in a method: djsafe does not follow what is called through it
        // (`super().setup()` in a classmethod sets `cls.APPS`), so the classes the method
        // holds (its `cls`) may change.
        if path == "builtins.super" && frame.globals.is_some() {
            let reason = format!(
                "a method called through `super()` at {}, which djsafe does not follow",
                self.line_at(span)
            );
            for binding in frame.ns.bindings.values() {
                if let super::value::Kind::Class(class) = &binding.value.kind {
                    class.mark_changed(&reason);
                }
            }
        }
        if let "sys.modules.items" | "sys.modules.values" | "sys.modules.keys"
        | "sys.modules.copy" = path
        {
            return self.module_table(path, span);
        }
        if let ("sys.modules.get", Some(key)) = (path, args.get(0, "key")) {
            return self.sys_modules_lookup(frame, &key.clone(), span);
        }
        if let ("importlib.import_module" | "builtins.__import__", Some(name)) =
            (path, args.get(0, "name"))
        {
            let call = path.rsplit('.').next().unwrap_or(path);
            return self.import_by_name(frame, call, &name.clone(), span);
        }
        if let Some(value) = self.call_builtin(frame, path, args, span) {
            return value;
        }
        match path {
            "glob.glob" | "glob.iglob" => self.glob(args, span),
            _ if RANDOM_SOURCES.contains(&path) => Value::new(Kind::Random(path.into()), span),
            _ if libs::is_constructor(path) => libs::construct(path, args, span),
            _ if CONFIGURATION_LIBRARIES
                .iter()
                .any(|library| path.starts_with(library)) =>
            {
                self.call_library(frame, path, args, span)
            }
            _ => match library_values::call(path, args, span)
                .or_else(|| paths::call(path, args, span))
                .map(Ok)
                .or_else(|| stdlib::call(path, args, span))
            {
                Some(Ok(value)) => value,
                Some(Err((exception, message))) => {
                    self.raised = Some(exception);
                    Value::unknown(format!("{exception}: {message}"), span)
                }
                None => {
                    let reason = format!("`{path}()` is not modelled by djsafe");
                    self.forget_arguments(frame, args, &reason);
                    Value::unknown(reason, span)
                }
            },
        }
    }
}
