//! python-decouple: `config(option, default=..., cast=...)` reading the environment, then the
//! `settings.ini` or `.env` found above the settings module, then the default; the `Csv` and
//! `Choices` casts; `AutoConfig(search_path)`.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::eval::value::{Args, Instance, Kind, Object, Value};
use crate::eval::{Frame, Run};
use crate::source::Span;

/// python-decouple's `strtobool` spellings.
const DECOUPLE_TRUE: &[&str] = &["y", "yes", "t", "true", "on", "1"];
const DECOUPLE_FALSE: &[&str] = &["n", "no", "f", "false", "off", "0"];

impl<'p> Run<'p> {
    pub(super) fn decouple_csv(
        &mut self,
        frame: &mut Frame,
        csv: &Instance,
        value: Value,
        span: Span,
    ) -> Value {
        let item_cast = csv.positional.first().or(csv.keyword("cast")).cloned();
        let delimiter = csv
            .keyword("delimiter")
            .and_then(Value::as_str)
            .unwrap_or(",")
            .to_string();
        let items: Vec<String> = match &value.kind {
            Kind::None => Vec::new(),
            Kind::Str(text) => text
                .split(|c| delimiter.contains(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            _ if value.is_unknown() => return value,
            _ => {
                return Value::unknown(format!("Csv() of {value} is not modelled by djsafe"), span);
            }
        };
        let items = items
            .into_iter()
            .map(|item| {
                let item = Value::str(&item, value.origin);
                match &item_cast {
                    Some(cast) => self.apply_cast(frame, cast, item, span),
                    None => item,
                }
            })
            .collect();
        Value::new(Kind::List(Object::new(items)), span).with_env(&value.env)
    }

    /// python-decouple's `config(option, default=..., cast=...)`: the environment first, then the
    /// `settings.ini` or `.env` found from the settings module's folder upwards, then the default.
    pub(super) fn decouple_config(
        &mut self,
        frame: &mut Frame,
        auto: Option<&Rc<Instance>>,
        args: &Args,
        span: Span,
    ) -> Value {
        let Some(option) = args
            .get(0, "option")
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            return Value::unknown(
                "decouple config() with an option name djsafe cannot read",
                span,
            );
        };
        let deps = self.env_deps(&option);
        let search_from = auto
            .and_then(|a| a.positional.first().or(a.keyword("search_path")))
            .and_then(|p| crate::eval::paths::text(p).map(PathBuf::from))
            .unwrap_or_else(|| {
                self.project
                    .sources
                    .get(frame.file)
                    .path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default()
            });
        // With `cast=bool`, the text of a set variable is only ever a boolean, or the
        // ValueError of text that is neither (see `eval::spellings`).
        let casts_to_bool = args
            .get(2, "cast")
            .is_some_and(|cast| matches!(&cast.kind, Kind::External(p) if &**p == "builtins.bool"));
        let table = casts_to_bool.then(|| {
            crate::eval::spellings::bool_table(|text| decouple_bool(&text.to_lowercase()))
        });
        let value = match self.env_read_as(&option, table) {
            crate::eval::EnvRead::SetUnknown => {
                return Value::new(Kind::FromEnv(option.into()), span).with_env(&deps);
            }
            crate::eval::EnvRead::Set(raw) => Value::str(&raw, span),
            crate::eval::EnvRead::Unset => {
                match decouple_repository(self.project.index(), &search_from)
                    .and_then(|(file, values)| values.get(&option).map(|v| (file, v.clone())))
                {
                    Some((file, raw)) => {
                        // `settings.ini` is not a dotenv file: its values stay the settings'.
                        if file.file_name().is_some_and(|n| n == ".env") {
                            self.dotenv
                                .entry(file)
                                .or_default()
                                .insert(option.clone(), raw.clone());
                        }
                        Value::str(&raw, span)
                    }
                    None => match args.get(1, "default") {
                        Some(default) => default.clone(),
                        None if frame.handles("UndefinedValueError") => {
                            self.raised = Some("UndefinedValueError");
                            return Value::unknown(
                                format!("{option} is not set: decouple raises UndefinedValueError"),
                                span,
                            )
                            .with_env(&deps);
                        }
                        None => {
                            return Value::new(Kind::FromEnv(option.into()), span).with_env(&deps);
                        }
                    },
                }
            }
        };
        let value = match args.get(2, "cast") {
            None => value,
            Some(cast) if matches!(&cast.kind, Kind::External(p) if &**p == "builtins.bool") => {
                match &value.kind {
                    Kind::Bool(_) => value,
                    _ if value.is_unknown() => value,
                    _ => {
                        let text = crate::eval::ops::to_str(&value, span);
                        match text.as_str().and_then(|t| decouple_bool(&t.to_lowercase())) {
                            Some(truth) => Value::new(Kind::Bool(truth), value.origin),
                            None => {
                                self.raised = Some("ValueError");
                                Value::unknown(
                                    format!("{value} is not a boolean: decouple raises ValueError"),
                                    span,
                                )
                            }
                        }
                    }
                }
            }
            Some(cast) => {
                let cast = cast.clone();
                self.apply_cast(frame, &cast, value, span)
            }
        };
        value.with_env(&deps)
    }
}

/// python-decouple's `cast=bool` of a lowercased text: `None` for text it rejects.
fn decouple_bool(lowercase: &str) -> Option<bool> {
    if lowercase.is_empty() || DECOUPLE_FALSE.contains(&lowercase) {
        Some(false)
    } else if DECOUPLE_TRUE.contains(&lowercase) {
        Some(true)
    } else {
        None
    }
}

/// python-decouple's repository: the first folder from `start` upwards (stopping before the
/// file system root) with `settings.ini` (its `[settings]` section) or `.env`.
fn decouple_repository(
    index: &crate::fsindex::FsIndex,
    start: &Path,
) -> Option<(PathBuf, std::collections::HashMap<String, String>)> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        d.parent()?;
        let ini = d.join("settings.ini");
        if index.is_file(&ini) {
            let text = std::fs::read_to_string(&ini).ok()?;
            return Some((ini, ini_settings(&text)));
        }
        let dotenv = d.join(".env");
        if index.is_file(&dotenv) {
            let text = std::fs::read_to_string(&dotenv).ok()?;
            return Some((dotenv, decouple_dotenv(&text)));
        }
        dir = d.parent();
    }
    None
}

fn decouple_dotenv(text: &str) -> std::collections::HashMap<String, String> {
    let mut values = std::collections::HashMap::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let v = v.trim();
        let v = if v.len() >= 2
            && ((v.starts_with('\'') && v.ends_with('\''))
                || (v.starts_with('"') && v.ends_with('"')))
        {
            &v[1..v.len() - 1]
        } else {
            v
        };
        values.insert(k.trim().to_string(), v.to_string());
    }
    values
}

/// The `[settings]` section of an ini file, as ConfigParser reads it: `key = value` or
/// `key: value`, keys matched case-insensitively (djsafe stores them upper-cased and lower-cased).
fn ini_settings(text: &str) -> std::collections::HashMap<String, String> {
    let mut values = std::collections::HashMap::new();
    let mut in_settings = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_settings = trimmed == "[settings]";
            continue;
        }
        if !in_settings || trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        let Some(at) = trimmed.find(['=', ':']) else {
            continue;
        };
        let (key, value) = (trimmed[..at].trim(), trimmed[at + 1..].trim());
        for variant in [key.to_string(), key.to_uppercase(), key.to_lowercase()] {
            values.insert(variant, value.to_string());
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ini_settings_section() {
        let ini = ini_settings("[other]\nX=1\n[settings]\nDebug = True\nHOSTS: a,b\n");
        assert_eq!(ini.get("DEBUG").map(String::as_str), Some("True"));
        assert_eq!(ini.get("HOSTS").map(String::as_str), Some("a,b"));
        assert!(!ini.contains_key("X"));
    }
}
