//! Running a project module once per run, as `sys.modules` makes Python do: the module's
//! statements (those its importers need), the namespace kept for every later import, and the
//! partly initialised namespace an import cycle back to a running module sees.

use std::rc::Rc;

use super::value::EnvDeps;
use super::{Frame, Namespace, Run};
use crate::diagnostic::DiagnosticKind;
use crate::source::Span;

impl Run<'_> {
    /// Evaluates a project module (once per run, like `sys.modules`) and returns its namespace.
    pub(super) fn module(&mut self, index: usize) -> Rc<Namespace> {
        if let Some(ns) = self.modules.get(&index) {
            return ns.clone();
        }
        // A module still running is not run again: it is seen as it was at its last import.
        if self.stack.contains(&index) {
            return self.partial.get(&index).cloned().unwrap_or_default();
        }
        // The settings module itself is reused when another evaluation imported it, but not
        // kept: the unit's own evaluations are shared by `rules::context::Evaluations`, and
        // copying every one of them would cost more than the few reuses it would give.
        let recording = if self.cacheable() {
            if let Some(ns) = self.reuse(index) {
                return ns;
            }
            (!self.stack.is_empty()).then(|| self.start_recording())
        } else {
            None
        };
        crate::stats::count(&crate::stats::MODULES_EVALUATED);
        self.stack.push(index);
        let module = &self.project.modules[index];
        let mut frame = Frame {
            module: index,
            file: module.file,
            ns: Namespace::default(),
            control: EnvDeps::default(),
            handled: Vec::new(),
            globals: None,
            global_names: Vec::new(),
            namespace_alias: None,
        };
        // Evaluation goes on after an uncaught exception: Python would stop, but the statements
        // after it still describe what the author meant to deploy, and losing their findings
        // would hide problems. The exception itself was already reported.
        // Only the statements its importers need (see `crate::demand`): what it imports for the
        // others was not loaded.
        let root = self.project.tree(index).root_node();
        let _ = match &module.kept {
            None => self.block(&mut frame, root),
            Some(kept) => self.block_kept(&mut frame, root, kept),
        };
        self.stack.pop();
        self.partial.remove(&index);
        self.forget_if_unidentified(index, &mut frame.ns);
        let ns = Rc::new(frame.ns);
        self.modules.insert(index, ns.clone());
        if let Some(start) = recording {
            self.stop_recording(index, start);
        }
        ns
    }

    /// Imports a project module from `import_span` in the current frame, detecting cycles.
    pub(super) fn import_module(
        &mut self,
        frame: &Frame,
        index: usize,
        import_span: Span,
    ) -> Option<Rc<Namespace>> {
        if !self.modules.contains_key(&index) && self.stack.contains(&frame.module) {
            let names = self.module_names(frame, frame.module);
            self.partial.insert(frame.module, names);
        }
        if let Some(position) = self.stack.iter().position(|&m| m == index) {
            self.outside += 1;
            let names: Vec<&str> = self.stack[position..]
                .iter()
                .chain(std::iter::once(&index))
                .map(|&m| self.project.modules[m].name.as_str())
                .collect();
            self.diagnose(
                DiagnosticKind::ImportCycle,
                import_span,
                format!(
                    "import cycle: {}; this import sees only the names `{}` bound before it imported the next module, as in Python",
                    names.join(" → "),
                    self.project.modules[index].name
                ),
            );
            return Some(self.partial.get(&index).cloned().unwrap_or_default());
        }
        let file = self.project.modules[index].file;
        if file != frame.file {
            self.imported_by.entry(file).or_insert(import_span);
        }
        Some(self.module(index))
    }
}
