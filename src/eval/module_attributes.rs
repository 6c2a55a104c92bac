//! Project modules as objects: `conf.HOSTS = [...]`, `setattr(conf, 'HOSTS', ...)` and a module
//! reached where djsafe stops following (held by a container whose contents became unknown)
//! change the names other modules read from it afterwards, as they change the module object
//! Python keeps in `sys.modules`. A module still running (an import cycle back to it) is changed
//! when its own code runs again (see [`Run::apply_module_writes`]).

use std::rc::Rc;

use super::call::GlobalWrite;
use super::value::{Kind, Value};
use super::{Binding, Frame, Namespace, Run};
use crate::source::Span;

impl Run<'_> {
    /// The names of `module` as code running in `frame` sees them: the frame's own while that
    /// module runs, the finished module's otherwise (a module further up the import stack as
    /// it was when it last imported a module, see [`Run::module`]).
    pub(super) fn module_names(&mut self, frame: &Frame, module: usize) -> Rc<Namespace> {
        if frame.module == module {
            match &frame.globals {
                Some(globals) => globals.clone(),
                None => Rc::new(frame.ns.clone()),
            }
        } else {
            self.modules
                .get(&module)
                .or_else(|| self.partial.get(&module))
                .cloned()
                .unwrap_or_default()
        }
    }

    /// `module.name = value` (or `setattr(module, 'name', value)`) run in `frame`.
    pub(super) fn write_module_attribute(
        &mut self,
        frame: &mut Frame,
        module: usize,
        name: &str,
        value: Value,
        site: Span,
    ) {
        if module == frame.module {
            self.write_global(frame, name, value, site);
            return;
        }
        let value = value.with_env(&frame.control);
        // Another module's namespace is outside the branch djsafe is running both sides of, so
        // no join covers it: a write made on one side only is a maybe.
        let value = if self.forks > 0 && !value.is_unknown() {
            Value::unknown(
                format!(
                    "may be set on `{}` at {}, under a condition djsafe cannot decide",
                    self.project.modules[module].name,
                    self.line_at(site)
                ),
                site,
            )
            .with_env(&value.env)
        } else {
            value
        };
        let binding = Binding { value, site };
        if let Some(namespace) = self.modules.get_mut(&module) {
            Rc::make_mut(namespace)
                .bindings
                .insert(name.into(), binding);
        } else if self.stack.contains(&module) {
            if let Some(namespace) = self.partial.get_mut(&module) {
                Rc::make_mut(namespace)
                    .bindings
                    .insert(name.into(), binding.clone());
            }
            self.global_writes.push(GlobalWrite {
                module,
                name: name.into(),
                value: binding.value,
                site,
                conditional: false,
            });
        }
    }

    /// A module reached where djsafe stops following: each of its names may be rebound, and it
    /// may gain others. Names of libraries, modules, functions and classes are kept: code
    /// rebinding those through a container is not what settings do, while a change to a
    /// function's defaults or a class's lists is followed as any object's.
    pub(super) fn forget_module_names(&mut self, module: usize, reason: &Rc<str>) {
        let why = |binding: &Binding| match binding.value.kind {
            Kind::External(_) | Kind::Module(_) | Kind::Function(_) | Kind::Class(_) => {
                binding.clone()
            }
            _ => Binding {
                value: Value::unknown(reason.to_string(), binding.site)
                    .with_env(&binding.value.env),
                site: binding.site,
            },
        };
        if let Some(namespace) = self.modules.get_mut(&module) {
            let namespace = Rc::make_mut(namespace);
            for binding in namespace.bindings.values_mut() {
                if !binding.value.is_unknown() {
                    *binding = why(binding);
                }
            }
            namespace.opaque.get_or_insert_with(|| reason.clone());
        } else if self.stack.contains(&module) && !self.forgotten.iter().any(|(m, _)| *m == module)
        {
            if let Some(namespace) = self.partial.get_mut(&module) {
                let namespace = Rc::make_mut(namespace);
                for binding in namespace.bindings.values_mut() {
                    *binding = why(binding);
                }
                namespace.opaque.get_or_insert_with(|| reason.clone());
            }
            self.forgotten.push((module, reason.clone()));
        }
    }

    /// Writes to the module running at the top level of `frame` made while it was importing
    /// (an import cycle back to it) or from a module reached through a container, applied now
    /// that its own code runs again.
    pub(super) fn apply_module_writes(&mut self, frame: &mut Frame) {
        if frame.globals.is_some() {
            return;
        }
        if let Some(at) = self.forgotten.iter().position(|(m, _)| *m == frame.module) {
            let (_, reason) = self.forgotten.remove(at);
            for binding in frame.ns.bindings.values_mut() {
                if !binding.value.is_unknown()
                    && !matches!(
                        binding.value.kind,
                        Kind::External(_) | Kind::Module(_) | Kind::Function(_) | Kind::Class(_)
                    )
                {
                    binding.value = Value::unknown(reason.to_string(), binding.site)
                        .with_env(&binding.value.env);
                }
            }
            frame.ns.opaque.get_or_insert(reason);
        }
        if !self.global_writes.iter().any(|w| w.module == frame.module) {
            return;
        }
        let (mine, others): (Vec<GlobalWrite>, Vec<GlobalWrite>) =
            std::mem::take(&mut self.global_writes)
                .into_iter()
                .partition(|w| w.module == frame.module);
        self.global_writes = others;
        for write in mine {
            let value = if write.conditional && !write.value.is_unknown() {
                Value::unknown(
                    format!(
                        "may be set on `{}` under a condition djsafe cannot decide",
                        self.project.modules[write.module].name
                    ),
                    write.site,
                )
                .with_env(&write.value.env)
            } else {
                write.value
            };
            self.bind(frame, &write.name, value, write.site);
        }
    }
}
