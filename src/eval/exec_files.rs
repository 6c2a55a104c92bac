//! Settings kept in files a settings module `exec`s: `for f in sorted(glob.glob(os.path.join(
//! os.path.dirname(__file__), '*.conf'))): exec(compile(open(f).read(), f, 'exec'))`. The loader
//! reads the files a module that calls `exec` names next to it ([`file_literals`]); evaluation
//! lists `glob.glob` over the repository's files, and an `exec` of text that is exactly one of
//! those files runs the file's statements in the module's namespace, as the string would run,
//! with findings at the file's own lines. Text djsafe cannot trace to such a file, and globs
//! outside the repository, stay unknown, with the reason.

use crate::syntax::NodeQueries;
use std::path::Path;
use std::rc::Rc;

use tree_sitter::Node;

use super::value::{Args, EnvDeps, Instance, Kind, Value, union};
use super::{Frame, Run};
use crate::diagnostic::DiagnosticKind;
use crate::source::Span;

/// At most this many files are loaded for the `exec` calls of one module.
pub(crate) const MAX_EXEC_FILES: usize = 64;
/// `glob.glob` of more files than this is unknown.
const MAX_GLOB_MATCHES: usize = 256;
/// The files `glob.glob` listed when there are several: Python lists them in the order the
/// file system returns them, which only `sorted()` fixes, so they are held as an object that
/// `sorted()`, `len()`, `min()` and `max()` read and nothing iterates.
pub(super) const GLOB_RESULT: &str = "glob.glob";
/// A code object `compile(source, filename, 'exec')` returned: the source and the file name.
const CODE: &str = "builtins.code";

/// The string literals of a module calling `exec` that name files to run next to it:
/// `'*.conf'`, `'local.conf'`, `'extra_settings.py'` (a `.py` pattern with wildcards would name
/// the package's own modules, which are not exec'd). Other text is not Python, and is not loaded.
pub(crate) fn file_literals(root: Node, text: &str, out: &mut Vec<String>) {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.kind_name() == "string" {
            let raw = &text[node.byte_range()];
            let inner = raw
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .trim_matches(['\'', '"']);
            let plain = !inner.is_empty()
                && inner.len() <= 200
                && !inner.starts_with('/')
                && !inner.contains(|c: char| c.is_whitespace() || "{}%\\[".contains(c));
            let wildcard = inner.contains(['*', '?']);
            let named = inner.ends_with(".conf") || (inner.ends_with(".py") && !wildcard);
            if plain && named && !out.iter().any(|o| o == inner) {
                out.push(inner.to_string());
            }
        } else if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// The items of a `glob.glob` result, in no particular order (for `sorted()` and `len()`).
pub(super) fn unordered_items(value: &Value) -> Option<Vec<Value>> {
    match &value.kind {
        Kind::Instance(listed) if &*listed.class == GLOB_RESULT => Some(listed.positional.clone()),
        _ => None,
    }
}

fn env_of(args: &Args) -> EnvDeps {
    args.positional
        .iter()
        .chain(args.keywords.iter().map(|(_, v)| v))
        .fold(EnvDeps::default(), |env, a| union(&env, &a.env))
}

impl Run<'_> {
    /// `glob.glob(pattern)` and `glob.iglob(pattern)` of an absolute pattern inside the
    /// repository, with wildcards in the file name only.
    pub(super) fn glob(&mut self, args: &Args, span: Span) -> Value {
        let env = env_of(args);
        let unknown = |reason: String| Value::unknown(reason, span).with_env(&env);
        let Some(pattern) = args.get(0, "pathname").and_then(Value::as_str) else {
            return unknown("`glob.glob()` of a pattern djsafe cannot read".into());
        };
        if args.keywords.iter().any(|(k, _)| &**k != "pathname") || args.positional.len() > 1 {
            return unknown(format!(
                "`glob.glob({pattern:?})` with options djsafe does not model"
            ));
        }
        if !pattern.starts_with('/') {
            return unknown(format!(
                "`glob.glob({pattern:?})` lists files relative to the directory the server starts in, which djsafe does not know"
            ));
        }
        let (folder, name) = pattern.rsplit_once('/').unwrap_or(("", pattern));
        if folder.contains(['*', '?', '[']) || name.contains('[') || name.is_empty() {
            return unknown(format!(
                "`glob.glob({pattern:?})`: wildcards in folder names and `[...]` are not evaluated by djsafe"
            ));
        }
        let listed = Path::new(if folder.is_empty() { "/" } else { folder });
        let normalized = super::paths::normalize(&listed.to_string_lossy());
        if matches!(
            self.locate(Path::new(&normalized)),
            super::files::Located::Elsewhere
        ) {
            return unknown(format!(
                "`glob.glob({pattern:?})` lists files outside the repository: what is there depends on the machine"
            ));
        }
        let wildcard = name.contains(['*', '?']);
        let mut names: Vec<String> = match self.project.index().listing(Path::new(&normalized)) {
            Some(listing) => listing
                .entries()
                .filter_map(|entry| entry.name.to_str())
                .filter(|found| {
                    if wildcard {
                        (!found.starts_with('.') || name.starts_with('.'))
                            && crate::glob::matches(name, found)
                    } else {
                        *found == name
                    }
                })
                .map(str::to_string)
                .collect(),
            None => Vec::new(),
        };
        if names.len() > MAX_GLOB_MATCHES {
            return unknown(format!(
                "`glob.glob({pattern:?})` lists more than {MAX_GLOB_MATCHES} files"
            ));
        }
        names.sort();
        let items: Vec<Value> = names
            .iter()
            .map(|found| Value::str(&format!("{folder}/{found}"), span).with_env(&env))
            .collect();
        if items.len() < 2 {
            return Value::new(Kind::List(super::value::Object::new(items)), span).with_env(&env);
        }
        Value::new(
            Kind::Instance(Rc::new(Instance {
                class: GLOB_RESULT.into(),
                positional: items,
                keywords: Vec::new(),
            })),
            span,
        )
        .with_env(&env)
    }

    /// `compile(source, filename, 'exec')` of a known source: a code object `exec` runs.
    pub(super) fn compile(&mut self, args: &Args, span: Span) -> Value {
        let env = env_of(args);
        let (Some(source), Some(filename), Some(mode)) = (
            args.get(0, "source"),
            args.get(1, "filename"),
            args.get(2, "mode").and_then(Value::as_str),
        ) else {
            return Value::unknown("`compile()` with arguments djsafe cannot read", span)
                .with_env(&env);
        };
        if mode != "exec" || !matches!(source.kind, Kind::Str(_) | Kind::Bytes(_)) {
            return Value::unknown(
                format!("`compile()` of {source} in mode {mode:?} is not modelled by djsafe"),
                span,
            )
            .with_env(&env);
        }
        Value::new(
            Kind::Instance(Rc::new(Instance {
                class: CODE.into(),
                positional: vec![source.clone(), filename.clone()],
                keywords: Vec::new(),
            })),
            span,
        )
        .with_env(&env)
    }

    /// `exec(source)` at module level, where the source is exactly the text of a file the
    /// module names (see [`file_literals`]): the file runs in the module's namespace. `None`
    /// when djsafe cannot tell which file the code is (the caller makes the namespace opaque).
    pub(super) fn exec_repository_file(
        &mut self,
        frame: &mut Frame,
        args: &Args,
        span: Span,
    ) -> Option<Value> {
        // In a function, `exec` writes to a snapshot of its locals; with explicit namespaces
        // it writes elsewhere: neither is this module's namespace.
        if self.call_depth > 0 || args.positional.len() != 1 || !args.keywords.is_empty() {
            return None;
        }
        let code = &args.positional[0];
        let (source, filename) = match &code.kind {
            Kind::Instance(compiled) if &*compiled.class == CODE => (
                compiled.positional.first()?,
                compiled.positional.get(1).and_then(Value::as_str),
            ),
            _ => (code, None),
        };
        let text: String = match &source.kind {
            Kind::Str(text) => text.to_string(),
            Kind::Bytes(bytes) => String::from_utf8(bytes.to_vec()).ok()?,
            _ => return None,
        };
        let text = text.replace("\r\n", "\n");
        let candidates: Vec<usize> = self
            .project
            .included_in(frame.file)
            .iter()
            .copied()
            .filter(|&m| {
                self.project
                    .sources
                    .get(self.project.modules[m].file)
                    .text()
                    .replace("\r\n", "\n")
                    == text
            })
            .collect();
        let named = |m: &usize| {
            filename.is_some_and(|f| {
                let path = &self.project.sources.get(self.project.modules[*m].file).path;
                Path::new(&super::paths::normalize(f)) == path.as_path()
            })
        };
        let module = candidates
            .iter()
            .find(|m| named(m))
            .or(candidates.first())
            .copied()?;
        let shown = self
            .project
            .sources
            .get(self.project.modules[module].file)
            .display
            .clone();
        let env = union(&code.env, &source.env);
        if self.stack.contains(&module) {
            self.outside += 1;
            let reason = format!(
                "`exec` of {shown} at {}, a file already being run (it execs itself: CPython recurses until RecursionError)",
                self.line_at(span)
            );
            self.diagnose(DiagnosticKind::ImportCycle, span, reason.clone());
            frame.ns.opaque = Some(reason.clone().into());
            return Some(Value::unknown(reason, span).with_env(&env));
        }
        if self.project.tree(module).root_node().has_error() {
            self.raised = Some("SyntaxError");
            let reason = format!("`exec` of {shown}, which does not parse: SyntaxError");
            frame.ns.opaque = Some(reason.clone().into());
            return Some(Value::unknown(reason, span).with_env(&env));
        }
        // The code runs with this module's globals: its `__file__` and `__name__` are the
        // module's, not the file's.
        for (name, value) in [
            (
                "__file__",
                self.project
                    .sources
                    .get(frame.file)
                    .path
                    .to_string_lossy()
                    .to_string(),
            ),
            ("__name__", self.project.modules[frame.module].name.clone()),
        ] {
            if !frame.ns.bindings.contains_key(name) {
                self.bind(frame, name, Value::str(&value, span), span);
            }
        }
        self.run_in_namespace(frame, module, &env, span);
        Some(Value::new(Kind::None, span))
    }

    /// Runs `module`'s code in the namespace of `frame` (an `exec` of a file, a split-settings
    /// `include`): spans and imports are the file's own, and what it binds depends on the
    /// variables `env` that chose the file.
    pub(super) fn run_in_namespace(
        &mut self,
        frame: &mut Frame,
        module: usize,
        env: &EnvDeps,
        span: Span,
    ) {
        let (module_before, file_before, control_before) =
            (frame.module, frame.file, frame.control.clone());
        frame.module = module;
        frame.file = self.project.modules[module].file;
        frame.control = union(&frame.control, env);
        self.imported_by.entry(frame.file).or_insert(span);
        self.stack.push(module);
        let _ = self.block(frame, self.project.tree(module).root_node());
        self.stack.pop();
        frame.module = module_before;
        frame.file = file_before;
        frame.control = control_before;
    }
}
