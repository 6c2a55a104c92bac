//! Values settings read from the repository's files: `open(path).read()`, `Path.read_text()`,
//! and `json.load`, `tomllib.load`/`toml.load` and `yaml.safe_load` of an opened file, as
//! Python would on this checkout. A file the repository lacks raises FileNotFoundError, so a
//! `try`/`except` around the read takes the `except` branch; a path outside the repository (or
//! one djsafe cannot name) is unknown, since what is there depends on the machine. Such a file
//! may also be absent where the settings run: inside a `try` whose `except` catches
//! FileNotFoundError, the read raises it, as an unset variable's `os.environ[...]` raises
//! KeyError, so the fallback the handler assigns is what the settings are linted with.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::value::{Args, Instance, Kind, Value};
use super::yaml_values;
use super::{Frame, Run};
use crate::source::Span;

/// The class of the file objects `open()` returns here.
const FILE: &str = "io.TextIOWrapper";
/// Files larger than this are not read (settings files are small; a bound keeps memory finite).
const MAX_FILE_BYTES: u64 = 1 << 20;

/// Whether the value is a file object `open()` returned.
pub(super) fn is_file(value: &Value) -> bool {
    matches!(&value.kind, Kind::Instance(instance) if &*instance.class == FILE)
}

/// What `os.path.exists`/`isfile`/`isdir` (and `Path.exists`/`is_file`/`is_dir`) ask.
#[derive(Clone, Copy)]
enum PathTest {
    Exists,
    IsFile,
    IsDir,
}

/// Where an absolute path is, as far as the output may depend on it: only the repository's
/// files are the same wherever djsafe runs.
pub(super) enum Located {
    Repository(PathBuf),
    AbsentFromRepository,
    Elsewhere,
}

/// What reading a path gives.
enum Read {
    Contents(Vec<u8>),
    /// The exception Python raises, with its message.
    Raises(&'static str, String),
    Unknown(String),
    /// A file outside the repository, or at a path relative to where the server starts that the
    /// repository does not hold: what is there, and whether anything is, depends on the machine.
    Elsewhere(String),
}

impl Run<'_> {
    /// `open(...)`, `json.load(f)`, `tomllib.load(f)`, `toml.load(f or path)`, `yaml.safe_load(f)`;
    /// `None` for other functions.
    pub(super) fn call_files(
        &mut self,
        frame: &mut Frame,
        path: &str,
        args: &Args,
        span: Span,
    ) -> Option<Value> {
        let first = args.positional.first();
        Some(match path {
            "builtins.open" | "io.open" => self.open(frame, args, span),
            "os.path.exists" => self.path_test(first?, PathTest::Exists, span)?,
            "os.path.isfile" => self.path_test(first?, PathTest::IsFile, span)?,
            "os.path.isdir" => self.path_test(first?, PathTest::IsDir, span)?,
            "json.load" => self.parse_file(first?, "json", span),
            "tomllib.load" | "tomli.load" => self.parse_file(first?, "tomllib", span),
            "toml.load" => match first?.kind {
                // `toml.load` also takes the path itself.
                Kind::Str(_) | Kind::Path(_) => {
                    let file = self.open(
                        frame,
                        &Args {
                            positional: vec![first?.clone()],
                            keywords: Vec::new(),
                        },
                        span,
                    );
                    if file.is_unknown() || self.raised.is_some() {
                        return Some(file);
                    }
                    self.parse_file(&file, "toml", span)
                }
                _ => self.parse_file(first?, "toml", span),
            },
            "yaml.safe_load" | "yaml.load" | "yaml.full_load" | "yaml.unsafe_load" => {
                let stream = args.get(0, "stream")?.clone();
                let loader = match path {
                    "yaml.load" => match args.get(1, "Loader").map(|l| &l.kind) {
                        Some(Kind::External(loader)) => match yaml_values::loader(loader) {
                            Some(loader) => loader,
                            None => {
                                return Some(Value::unknown(
                                    format!(
                                        "`yaml.load()` with `{loader}`, which djsafe does not model"
                                    ),
                                    span,
                                ));
                            }
                        },
                        _ => {
                            return Some(Value::unknown(
                                "`yaml.load()` without a loader djsafe can name",
                                span,
                            ));
                        }
                    },
                    _ => yaml_values::Loader::Resolving,
                };
                self.load_yaml(&stream, loader, span)
            }
            _ => return None,
        })
    }

    /// `f.read()`, `Path.read_text()`, `Path.read_bytes()`; `None` for other methods.
    pub(super) fn file_method(
        &mut self,
        frame: &Frame,
        receiver: &Value,
        method: &str,
        args: &Args,
        span: Span,
    ) -> Option<Value> {
        match (&receiver.kind, method) {
            (Kind::Path(_), "exists") => self.path_test(receiver, PathTest::Exists, span),
            (Kind::Path(_), "is_file") => self.path_test(receiver, PathTest::IsFile, span),
            (Kind::Path(_), "is_dir") => self.path_test(receiver, PathTest::IsDir, span),
            (Kind::Instance(instance), "read") if &*instance.class == FILE => {
                if !args.positional.is_empty() || !args.keywords.is_empty() {
                    return Some(Value::unknown(
                        "`read()` of part of a file is not modelled by djsafe",
                        span,
                    ));
                }
                Some(self.contents(instance, span))
            }
            (Kind::Instance(instance), "close" | "__enter__") if &*instance.class == FILE => {
                Some(match method {
                    "close" => Value::new(Kind::None, span),
                    _ => receiver.clone(),
                })
            }
            (Kind::Path(path), "read_text" | "read_bytes" | "open") => {
                let mut positional = vec![Value::new(Kind::Path(path.clone()), span)];
                let mut keywords = args.keywords.clone();
                match method {
                    "read_bytes" => positional.push(Value::str("rb", span)),
                    "open" => positional.extend(args.positional.iter().cloned()),
                    _ => {
                        if let Some(encoding) = args.positional.first() {
                            keywords.push(("encoding".into(), encoding.clone()));
                        }
                    }
                }
                let file = self.open(
                    frame,
                    &Args {
                        positional,
                        keywords,
                    },
                    span,
                );
                Some(match &file.kind {
                    Kind::Instance(instance) if method != "open" => self.contents(instance, span),
                    _ => file,
                })
            }
            _ => None,
        }
    }

    /// `open(file, mode='r', ..., encoding=None)`: a file object holding the file's contents,
    /// or the exception Python raises.
    fn open(&mut self, frame: &Frame, args: &Args, span: Span) -> Value {
        let Some(path) = args.get(0, "file") else {
            return Value::unknown("`open()` without a file", span);
        };
        let env = path.env.clone();
        let Some(text) = super::paths::text(path) else {
            if let Some(absent) = self.may_be_absent(frame, &format!("{path}"), span) {
                return absent.with_env(&env);
            }
            return match path.kind {
                Kind::Unknown(_) | Kind::FromEnv(_) => path.clone(),
                _ => Value::unknown(
                    format!("`open()` of {path}, which djsafe cannot name"),
                    span,
                ),
            };
        };
        let mode = match args.get(1, "mode").map(|m| &m.kind) {
            None => "r".to_string(),
            Some(Kind::Str(mode)) => mode.to_string(),
            Some(_) => return Value::unknown("`open()` with a mode djsafe cannot read", span),
        };
        let binary = match mode.as_str() {
            "r" | "rt" | "tr" => false,
            "rb" | "br" => true,
            _ => {
                return Value::unknown(
                    format!("`open()` in mode {mode:?} is not modelled by djsafe"),
                    span,
                );
            }
        };
        let utf8 = match args.get(3, "encoding").map(|e| &e.kind) {
            None | Some(Kind::None) => true,
            Some(Kind::Str(encoding)) => {
                matches!(
                    encoding.to_ascii_lowercase().replace('_', "-").as_str(),
                    "utf-8" | "utf8"
                )
            }
            Some(_) => false,
        };
        if !binary && !utf8 {
            return Value::unknown("`open()` with an encoding djsafe does not decode", span);
        }
        // Text mode without an encoding decodes with the locale's, UTF-8 on the servers Django
        // runs on.
        let read = self.read_repository_file(text);
        let contents = match read {
            Read::Contents(bytes) if binary => Value::new(Kind::Bytes(bytes.into()), span),
            Read::Contents(bytes) => match String::from_utf8(bytes) {
                // Universal newlines: `\r\n` and `\r` are read as `\n`.
                Ok(text) => Value::str(&text.replace("\r\n", "\n").replace('\r', "\n"), span),
                Err(_) => {
                    self.raised = Some("UnicodeDecodeError");
                    return Value::unknown(
                        format!("{text} is not UTF-8: reading it raises UnicodeDecodeError"),
                        span,
                    )
                    .with_env(&env);
                }
            },
            Read::Raises(exception, message) => {
                self.raised = Some(exception);
                return Value::unknown(format!("{exception}: {message}"), span).with_env(&env);
            }
            Read::Unknown(reason) => return Value::unknown(reason, span).with_env(&env),
            Read::Elsewhere(reason) => {
                let absent = self.may_be_absent(frame, &super::value::python_repr(text), span);
                return absent
                    .unwrap_or_else(|| Value::unknown(reason, span))
                    .with_env(&env);
            }
        };
        Value::new(
            Kind::Instance(Rc::new(Instance {
                class: FILE.into(),
                positional: vec![Value::str(text, span), contents],
                keywords: Vec::new(),
            })),
            span,
        )
        .with_env(&env)
    }

    /// Opening a file djsafe cannot read inside a `try` that catches FileNotFoundError: the file
    /// may be missing where the settings run, and then the handler runs. djsafe takes that
    /// path, as it takes the `except KeyError:` path of an unset variable, so the fallback the
    /// handler assigns is linted; `None` outside such a `try`.
    fn may_be_absent(&mut self, frame: &Frame, path: &str, span: Span) -> Option<Value> {
        if !frame.handles("FileNotFoundError") {
            return None;
        }
        self.raised = Some("FileNotFoundError");
        Some(Value::unknown(
            format!(
                "FileNotFoundError: {path} is not in the repository and may be missing where the settings run"
            ),
            span,
        ))
    }

    /// The file's contents at its first read; a second read is at the end of the file.
    fn contents(&mut self, file: &Rc<Instance>, span: Span) -> Value {
        if self.files_read.iter().any(|read| Rc::ptr_eq(read, file)) {
            return Value::unknown("a second read of the same file object", span);
        }
        self.files_read.push(file.clone());
        file.positional
            .get(1)
            .cloned()
            .unwrap_or_else(|| Value::unknown("a file djsafe did not read", span))
    }

    /// `json.load(f)`, `tomllib.load(f)`, `toml.load(f)`: the file's contents parsed.
    fn parse_file(&mut self, file: &Value, format: &str, span: Span) -> Value {
        let Kind::Instance(instance) = &file.kind else {
            return match file.kind {
                Kind::Unknown(_) | Kind::FromEnv(_) => file.clone(),
                _ => Value::unknown(
                    format!("`{format}.load()` of {file} is not modelled by djsafe"),
                    span,
                ),
            };
        };
        if &*instance.class != FILE {
            return Value::unknown(
                format!("`{format}.load()` of {file} is not modelled by djsafe"),
                span,
            );
        }
        let contents = self.contents(instance, span);
        let text = match (&contents.kind, format) {
            // tomllib reads bytes only.
            (Kind::Str(_), "tomllib") => {
                self.raised = Some("TypeError");
                return Value::unknown(
                    "tomllib.load() of a file opened in text mode raises TypeError",
                    span,
                );
            }
            (Kind::Bytes(_), "toml") => {
                return Value::unknown(
                    "toml.load() of a file opened in binary mode is not modelled by djsafe",
                    span,
                );
            }
            (Kind::Str(text), _) => text.to_string(),
            (Kind::Bytes(bytes), _) => match std::str::from_utf8(bytes) {
                Ok(text) => text.to_string(),
                Err(_) => {
                    return Value::unknown(
                        format!("`{format}.load()` of a file that is not UTF-8"),
                        span,
                    );
                }
            },
            _ => return contents,
        };
        let parsed = match format {
            "json" => super::stdlib::json_loads(&text, span),
            "toml" => {
                super::toml_values::loads(&text, super::toml_values::Dialect::TomlPackage, span)
            }
            _ => super::toml_values::loads(&text, super::toml_values::Dialect::Tomllib, span),
        };
        match parsed {
            Ok(value) => value.with_env(&file.env),
            Err((exception, message)) => {
                self.raised = Some(exception);
                Value::unknown(format!("{exception}: {message}"), span).with_env(&file.env)
            }
        }
    }

    /// `yaml.safe_load(stream)`: a file object's contents or a string, loaded (see
    /// [`yaml_values`]).
    fn load_yaml(&mut self, stream: &Value, loader: yaml_values::Loader, span: Span) -> Value {
        let contents = match &stream.kind {
            Kind::Instance(instance) if &*instance.class == FILE => self.contents(instance, span),
            Kind::Str(_) | Kind::Bytes(_) => stream.clone(),
            Kind::Unknown(_) | Kind::FromEnv(_) => return stream.clone(),
            _ => {
                return Value::unknown(
                    format!("`yaml.safe_load()` of {stream}, which djsafe does not model"),
                    span,
                );
            }
        };
        let text = match &contents.kind {
            Kind::Str(text) => text.to_string(),
            Kind::Bytes(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) => text.to_string(),
                Err(_) => return Value::unknown("YAML bytes that are not UTF-8", span),
            },
            _ => return contents,
        };
        match yaml_values::load(&text, loader, span) {
            Ok(value) => value.with_env(&stream.env),
            Err(reason) => Value::unknown(
                format!("{reason}: djsafe does not know what PyYAML loads"),
                span,
            )
            .with_env(&stream.env),
        }
    }

    /// `os.path.exists(p)`, `Path.is_file()`...: answered from the checkout for a path inside
    /// the repository; unknown for a path elsewhere (what `/etc/app.conf` is depends on the
    /// machine, and answering from this one would make the output depend on where djsafe runs)
    /// or relative to the directory the server starts in. `None` when the argument is not a
    /// path djsafe knows.
    fn path_test(&self, path: &Value, test: PathTest, span: Span) -> Option<Value> {
        let text = super::paths::text(path)?;
        if !text.starts_with('/') {
            let reason = format!(
                "{text:?} is relative to the directory the server starts in, which djsafe does not know"
            );
            return Some(Value::unknown(reason, span).with_env(&path.env));
        }
        let normalized = PathBuf::from(super::paths::normalize(text));
        // A file a container of this deployment mounts from a ConfigMap (`deploy::mounts`).
        let markers = self.project.mount_markers(&normalized);
        if markers.iter().any(|marker| self.getenv(marker).is_some()) {
            let answer = !matches!(test, PathTest::IsDir);
            return Some(Value::new(Kind::Bool(answer), span).with_env(&path.env));
        }
        let resolved = match self.locate(&normalized) {
            Located::Repository(resolved) => resolved,
            // Absent: a path inside the repository is absent in every checkout of it.
            Located::AbsentFromRepository => {
                return Some(Value::new(Kind::Bool(false), span).with_env(&path.env));
            }
            Located::Elsewhere => {
                return Some(Value::unknown(outside(&normalized), span).with_env(&path.env));
            }
        };
        let answer = match test {
            PathTest::Exists => true,
            PathTest::IsFile => resolved.is_file(),
            PathTest::IsDir => resolved.is_dir(),
        };
        Some(Value::new(Kind::Bool(answer), span).with_env(&path.env))
    }

    /// Where an absolute, normalized path is: in the repository (links followed before deciding),
    /// absent from it, or elsewhere on the machine.
    pub(super) fn locate(&self, path: &Path) -> Located {
        let root = self.project.display_root();
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        match path.canonicalize() {
            Ok(resolved) if inside(&resolved, &root) => Located::Repository(resolved),
            Ok(_) => Located::Elsewhere,
            Err(_) if inside(path, &root) => Located::AbsentFromRepository,
            Err(_) => Located::Elsewhere,
        }
    }

    /// The bytes of a file of the repository, or what Python raises reading it.
    fn read_repository_file(&self, path: &str) -> Read {
        if !path.starts_with('/') {
            let reason = format!(
                "{path:?} is relative to the directory the server starts in, which djsafe does not know"
            );
            // A file the repository holds at its root may be the one the server reads.
            return match self.project.display_root().join(path).exists() {
                true => Read::Unknown(reason),
                false => Read::Elsewhere(reason),
            };
        }
        let path = PathBuf::from(super::paths::normalize(path));
        let resolved = match self.locate(&path) {
            Located::Repository(resolved) => resolved,
            Located::AbsentFromRepository => {
                return Read::Raises(
                    "FileNotFoundError",
                    format!(
                        "[Errno 2] No such file or directory: {:?}",
                        path.display().to_string()
                    ),
                );
            }
            Located::Elsewhere => return Read::Elsewhere(outside(&path)),
        };
        if resolved.is_dir() {
            return Read::Raises(
                "IsADirectoryError",
                format!(
                    "[Errno 21] Is a directory: {:?}",
                    path.display().to_string()
                ),
            );
        }
        match std::fs::metadata(&resolved) {
            Ok(meta) if meta.len() > MAX_FILE_BYTES => {
                Read::Unknown(format!("{} is larger than djsafe reads", path.display()))
            }
            Ok(_) => match std::fs::read(&resolved) {
                Ok(bytes) => Read::Contents(bytes),
                Err(e) => Read::Unknown(format!("{} could not be read: {e}", path.display())),
            },
            Err(e) => Read::Unknown(format!("{} could not be read: {e}", path.display())),
        }
    }
}

fn inside(path: &Path, root: &Path) -> bool {
    path.starts_with(root)
}

fn outside(path: &Path) -> String {
    format!(
        "{} is outside the repository: what is there depends on the machine",
        path.display()
    )
}
