//! django-split-settings: `include(*patterns)` runs each matching file in the including module's
//! namespace, as if its text were pasted there.

use std::path::Path;
use std::rc::Rc;

use crate::eval::value::{Args, Kind, Value};
use crate::eval::{Frame, Run};
use crate::source::Span;

impl Run<'_> {
    /// A file name computed from one environment variable (`f"environments/{ENV}.py"`) picks
    /// one of the files next to the one it names: their names are the values that variable is
    /// meant to take, recorded like the literals it is compared with, so each is evaluated.
    fn record_included_alternatives(&mut self, base: &Path, pattern: &str, argument: &Value) {
        let [var] = argument.env.iter().collect::<Vec<_>>()[..] else {
            return;
        };
        let var = var.clone();
        let (folder, name) = match pattern.rsplit_once('/') {
            Some((folder, name)) => (format!("{folder}/"), name),
            None => (String::new(), pattern),
        };
        let Some(extension) = name.rsplit_once('.').map(|(_, e)| e) else {
            return;
        };
        let siblings = crate::glob::expand(
            self.project.index(),
            base,
            &format!("{folder}*.{extension}"),
        );
        let stems = siblings.iter().filter_map(|file| {
            let stem = file.file_stem()?.to_str()?;
            (stem != "__init__").then(|| Rc::from(stem))
        });
        let stems: Vec<Rc<str>> = stems.collect();
        self.compared.entry(var).or_default().extend(stems);
    }

    /// django-split-settings' `include(*patterns)`: each matching file (sorted) runs in this
    /// module's namespace, in order; a pattern inside `optional(...)` may match nothing.
    pub(super) fn include(&mut self, frame: &mut Frame, args: &Args, span: Span) -> Value {
        let base = self
            .project
            .sources
            .get(frame.file)
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for argument in &args.positional {
            let (pattern, optional) = match &argument.kind {
                Kind::Str(pattern) => (pattern.to_string(), false),
                Kind::Instance(marker) if &*marker.class == "split_settings.tools.optional" => {
                    match marker.positional.first().and_then(Value::as_str) {
                        Some(pattern) => (pattern.to_string(), true),
                        None => {
                            frame.ns.opaque = Some(
                                "an `include(optional(...))` of a file djsafe cannot name".into(),
                            );
                            continue;
                        }
                    }
                }
                _ => {
                    frame.ns.opaque = Some(
                        format!("an `include(...)` of {argument}, which djsafe cannot name").into(),
                    );
                    continue;
                }
            };
            let files = crate::glob::expand(self.project.index(), &base, &pattern);
            self.record_included_alternatives(&base, &pattern, argument);
            if files.is_empty() && !optional {
                self.raised = Some("OSError");
                frame.ns.opaque =
                    Some(format!("`include({pattern:?})`, which matches no file").into());
                continue;
            }
            for file in files {
                let canonical = self.project.index().canonical(&file);
                let Some(module) = self.project.module_by_path(&canonical) else {
                    frame.ns.opaque = Some(
                        format!("`include({pattern:?})`, whose file djsafe did not load").into(),
                    );
                    continue;
                };
                // A file that includes itself (directly or through others) recurses until
                // Python's recursion limit: djsafe stops at the cycle instead of running it
                // again, which with two such includes per file would double at every level.
                if self.stack.contains(&module) {
                    self.outside += 1;
                    let reason = format!(
                        "`include({pattern:?})` at {}, which includes a file already being run (an include cycle: CPython raises RecursionError)",
                        self.line_at(span)
                    );
                    self.diagnose(
                        crate::diagnostic::DiagnosticKind::ImportCycle,
                        span,
                        reason.clone(),
                    );
                    frame.ns.opaque = Some(reason.into());
                    continue;
                }
                self.run_in_namespace(frame, module, &argument.env, span);
            }
        }
        Value::new(Kind::None, span)
    }
}
