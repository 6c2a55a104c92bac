//! `os.environ` and `os.getenv`: reads of the scenario's variables, recorded, and
//! `os.environ.setdefault`, which writes one when it is unset.

use std::rc::Rc;

use super::value::{Args, Kind, Value};
use super::{EnvRead, EnvWrite, Frame, Run};
use crate::source::Span;

impl Run<'_> {
    /// `os.getenv`, `os.environ.get`, `os.environ.setdefault`; `None` for any other function.
    pub(super) fn call_os_environ(
        &mut self,
        frame: &Frame,
        path: &str,
        args: &Args,
        span: Span,
    ) -> Option<Value> {
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
    fn optional_env(&mut self, name: Option<&Value>, default: Option<&Value>, span: Span) -> Value {
        let Some(name_value) = name else {
            return Value::unknown("environment read without a variable name", span);
        };
        let Some(name) = name_value.as_str() else {
            return Value::unknown(
                format!("environment variable named by {name_value}, which djsafe cannot read"),
                span,
            );
        };
        let deps = Rc::new([Rc::from(name)].into_iter().collect());
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
        let deps = Rc::new([Rc::from(name)].into_iter().collect());
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
