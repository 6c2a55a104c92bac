//! `os.environ` and `os.getenv`: reads of the scenario's variables, recorded, and
//! `os.environ.setdefault`, which writes one when it is unset. A copy (`os.environ.copy()`,
//! `dict(os.environ)`) reads as `os.environ` does; a write to it changes only the copy, so after
//! one the copy's reads are unknown rather than guessed.

use super::value::{Args, Kind, Value};
use super::{EnvRead, EnvWrite, Frame, Run};
use crate::source::Span;

/// What `os.environ.copy()` and `dict(os.environ)` evaluate to: a handle that reads the
/// scenario's variables as `os.environ` does, and that writes never reach.
pub(super) const ENVIRON_COPY: &str = "os.environ.copy()";

/// Whether `value` is `os.environ` or a copy of it, for `'NAME' in ...` and `...[NAME]`.
pub(super) fn is_environ_copy(value: &Value) -> bool {
    matches!(&value.kind, Kind::External(path) if &**path == ENVIRON_COPY)
}

impl Run<'_> {
    /// A write to a copy of `os.environ` (`env['X'] = ...`, `env.update(...)`, `del env['X']`):
    /// the copy no longer holds what the scenario's environment does.
    pub(super) fn write_environ_copy(&mut self, span: Span) {
        if self.environ_copy_written.is_none() {
            let reason = format!(
                "a copy of `os.environ` written to at {}, which djsafe does not follow",
                self.line_at(span)
            );
            self.environ_copy_written = Some(reason.into());
        }
    }

    /// A read through a copy of `os.environ`: `None` to read the scenario's variables, or the
    /// unknown value when the copy was written to.
    pub(super) fn environ_copy_read(&self, span: Span) -> Option<Value> {
        self.environ_copy_written
            .as_ref()
            .map(|reason| Value::unknown(reason.to_string(), span))
    }

    /// `os.environ.copy()`, `dict(os.environ)` and the methods of the copy; `None` for anything
    /// else.
    fn call_environ_copy(&mut self, path: &str, args: &Args, span: Span) -> Option<Value> {
        let copies = path == "os.environ.copy"
            || (path == "builtins.dict"
                && args.keywords.is_empty()
                && matches!(args.positional.as_slice(), [only] if matches!(&only.kind, Kind::External(p) if &**p == "os.environ")));
        if copies {
            return Some(Value::new(Kind::External(ENVIRON_COPY.into()), span));
        }
        let method = path.strip_prefix(ENVIRON_COPY)?.strip_prefix('.')?;
        if method == "get" {
            return Some(match self.environ_copy_read(span) {
                Some(unknown) => unknown,
                None => self.optional_env(args.get(0, "key"), args.get(1, "default"), span),
            });
        }
        if matches!(
            method,
            "setdefault" | "update" | "pop" | "popitem" | "clear"
        ) {
            self.write_environ_copy(span);
        }
        Some(Value::unknown(
            format!("`{method}` of a copy of `os.environ`, which djsafe does not model"),
            span,
        ))
    }

    /// `os.getenv`, `os.environ.get`, `os.environ.setdefault`; `None` for any other function.
    pub(super) fn call_os_environ(
        &mut self,
        frame: &Frame,
        path: &str,
        args: &Args,
        span: Span,
    ) -> Option<Value> {
        if let Some(value) = self.call_environ_copy(path, args, span) {
            return Some(value);
        }
        Some(match path {
            "os.getenv" | "os.environ.get" => {
                self.optional_env(args.get(0, "key"), args.get(1, "default"), span)
            }
            "os.environ.setdefault" => {
                let (Some(name), Some(default)) = (
                    args.get(0, "key").and_then(Value::as_str),
                    args.get(1, "value"),
                ) else {
                    return Some(Value::unknown(
                        "`os.environ.setdefault` with arguments djsafe cannot read",
                        span,
                    ));
                };
                if self.getenv(name).is_none() {
                    self.set_env(name.to_string(), default.as_str().map(str::to_string));
                    self.env_writes.push(EnvWrite {
                        var: name.into(),
                        value: default.clone().with_env(&frame.control),
                        span,
                    });
                }
                self.optional_env(args.get(0, "key"), None, span)
            }
            _ => return None,
        })
    }

    /// `os.getenv(name, default)`: the value when set, else the default (whose origin is the
    /// default literal, so findings point at it), else `None`.
    pub(super) fn optional_env(
        &mut self,
        name: Option<&Value>,
        default: Option<&Value>,
        span: Span,
    ) -> Value {
        let Some(name_value) = name else {
            return Value::unknown("environment read without a variable name", span);
        };
        let Some(name) = name_value.as_str() else {
            return Value::unknown(
                format!("environment variable named by {name_value}, which djsafe cannot read"),
                span,
            );
        };
        let deps = self.env_deps(name);
        match self.env_read(name) {
            EnvRead::Set(value) => Value::str(&value, span).with_env(&deps),
            EnvRead::SetUnknown => Value::new(Kind::FromEnv(name.into()), span).with_env(&deps),
            EnvRead::Unset => match default {
                Some(default) => default.clone().with_env(&deps),
                None => Value::new(Kind::None, span).with_env(&deps),
            },
        }
    }

    /// `os.environ[name]` raises `KeyError` when the variable is unset, so a running deployment
    /// has it set to something djsafe cannot know.
    pub(super) fn required_env(&mut self, frame: &Frame, key: &Value, span: Span) -> Value {
        let Some(name) = key.as_str() else {
            return Value::unknown(
                format!("environment variable named by {key}, which djsafe cannot read"),
                span,
            );
        };
        let deps = self.env_deps(name);
        if let EnvRead::SetUnknown = self.env_read(name) {
            return Value::new(Kind::FromEnv(name.into()), span).with_env(&deps);
        }
        match self.getenv(name) {
            Some(value) => Value::str(&value, span).with_env(&deps),
            // Inside `try: ... except KeyError:` an unset variable is an expected path.
            None if frame.handles("KeyError") => {
                self.raised = Some("KeyError");
                Value::unknown(format!("`os.environ['{name}']` raises KeyError"), span)
                    .with_env(&deps)
            }
            None => Value::new(Kind::FromEnv(name.into()), span).with_env(&deps),
        }
    }
}
