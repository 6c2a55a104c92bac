//! `import` and `from ... import ...`: project modules are evaluated (once, as `sys.modules`
//! does) and their names bound; anything else becomes an external name or, inside
//! `try: ... except ImportError:`, a recorded optional import.

use std::rc::Rc;

use tree_sitter::Node;

use crate::diagnostic::DiagnosticKind;
use crate::eval::value::{Kind, Value};
use crate::eval::{Exit, Frame, Namespace, OptionalImport, Run};
use crate::resolve::Target;
use crate::source::Span;

impl<'p> Run<'p> {
    pub(super) fn import(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let mut cursor = node.walk();
        let names: Vec<Node<'p>> = node.children_by_field_name("name", &mut cursor).collect();
        let site = self.span(frame, node);
        let mut raised = false;
        for name in names {
            let (dotted, alias) = match name.kind() {
                "aliased_import" => (
                    name.child_by_field_name("name"),
                    name.child_by_field_name("alias"),
                ),
                _ => (Some(name), None),
            };
            let Some(dotted) = dotted else { continue };
            let full = self
                .text(frame, dotted)
                .split_whitespace()
                .collect::<String>();
            let top = full.split('.').next().unwrap_or_default().to_string();
            let bound = alias.map(|a| self.text(frame, a)).unwrap_or(&top);
            let value = match self.import_target(self.span(frame, dotted)) {
                Some(Target::External(path)) => {
                    let path = if alias.is_some() { path } else { top.clone() };
                    Value::new(Kind::External(path.into()), site)
                }
                Some(Target::Project(index)) => {
                    self.import_module(frame, index, site);
                    if alias.is_some() || !full.contains('.') {
                        Value::new(Kind::Module(index), site)
                    } else {
                        Value::unknown(
                            format!("attribute access through `import {full}` is not followed"),
                            site,
                        )
                    }
                }
                Some(Target::Missing(shown)) => {
                    raised = true;
                    self.unresolved(frame, site, &shown);
                    Value::unknown(format!("module `{shown}` was not found"), site)
                }
                None => Value::unknown(format!("module `{full}` was not resolved"), site),
            };
            self.bind(frame, bound, value, site);
        }
        if raised {
            Err(Exit::Exception("ModuleNotFoundError"))
        } else {
            Ok(())
        }
    }

    /// What an import names, as the project resolved it; a module a container mounts from a
    /// ConfigMap is missing unless this evaluation's deployment mounts it (`deploy::mounts`), and
    /// one its image leaves out is missing (`deploy::dockerignore`).
    fn import_target(&self, name: Span) -> Option<Target> {
        let target = self.project.target(name).cloned();
        if let Some(Target::Project(index)) = target
            && let Some(marker) = self.project.module_mount(index)
            && self.getenv(marker).is_none()
        {
            return Some(Target::Missing(self.project.modules[index].name.clone()));
        }
        // A module this evaluation's image leaves out (`.dockerignore`) is not in its container.
        if let Some(Target::Project(index)) = target
            && self
                .project
                .left_out_of(index, &|marker| self.getenv(marker).is_some())
                .is_some()
        {
            return Some(Target::Missing(self.project.modules[index].name.clone()));
        }
        target
    }

    pub(super) fn unresolved(&mut self, frame: &Frame, site: Span, shown: &str) {
        if frame.handles("ModuleNotFoundError") {
            self.optional_imports.push(OptionalImport {
                span: site,
                module: shown.into(),
                present: false,
            });
        } else {
            self.diagnose(
                DiagnosticKind::UnresolvedImport,
                site,
                format!(
                    "cannot resolve module `{shown}` from {}: the repository does not contain it, so importing these settings raises ModuleNotFoundError as committed; names it would define are unknown",
                    self.project.sources.get(frame.file).display
                ),
            );
        }
    }

    pub(super) fn import_from(&mut self, frame: &mut Frame, node: Node<'p>) -> Result<(), Exit> {
        let Some(module_node) = node.child_by_field_name("module_name") else {
            return Ok(());
        };
        let site = self.span(frame, node);
        let mut cursor = node.walk();
        let wildcard = node
            .named_children(&mut cursor)
            .any(|n| n.kind() == "wildcard_import");
        let mut cursor = node.walk();
        let names: Vec<(Node<'p>, Node<'p>)> = node
            .children_by_field_name("name", &mut cursor)
            .filter_map(|n| match n.kind() {
                "aliased_import" => Some((
                    n.child_by_field_name("name")?,
                    n.child_by_field_name("alias")?,
                )),
                _ => Some((n, n)),
            })
            .collect();
        let module_text = self.text(frame, module_node).to_string();
        match self.import_target(self.span(frame, module_node)) {
            Some(Target::Project(index)) => {
                if frame.handles("ModuleNotFoundError") {
                    let module = module_text.as_str().into();
                    self.optional_imports.push(OptionalImport {
                        span: site,
                        module,
                        present: true,
                    });
                }
                // `from . import signals` in a package's `__init__.py` imports its submodule:
                // the package is the module being run (partly initialised, as in Python), not a
                // cycle.
                let namespace = if index == frame.module {
                    Rc::new(frame.ns.clone())
                } else if !wildcard && self.stack.contains(&index) {
                    // `from . import defaults` in a submodule the package's `__init__.py` is
                    // importing: Python takes the partly initialised package from
                    // `sys.modules` and, lacking the attribute, imports the submodule: names
                    // the package bound before it imported are seen, then submodules (below).
                    self.partial.get(&index).cloned().unwrap_or_default()
                } else {
                    self.import_module(frame, index, site).unwrap_or_default()
                };
                if wildcard {
                    self.star_import(frame, &namespace, &module_text);
                }
                for (name, alias) in names {
                    let wanted = self.text(frame, name);
                    let value = match namespace.bindings.get(wanted) {
                        Some(binding) => binding.value.clone(),
                        None => match self.import_target(self.span(frame, name)) {
                            Some(Target::Project(sub)) => {
                                self.import_module(frame, sub, site);
                                Value::new(Kind::Module(sub), site)
                            }
                            _ if self.stack.contains(&index) => Value::unknown(
                                format!(
                                    "`{wanted}` is read from `{module_text}` while it is still being imported (an import cycle)"
                                ),
                                site,
                            ),
                            _ => Value::unknown(
                                format!("`{wanted}` is not defined in `{module_text}`"),
                                site,
                            ),
                        },
                    };
                    self.bind(frame, self.text(frame, alias), value, site);
                }
                Ok(())
            }
            // `try: from settings_local import * / except ImportError:` of a module the
            // repository does not contain: on this checkout the import fails and the handler
            // runs; the module stays a possible override, which the output names.
            Some(Target::External(path))
                if frame.handles("ModuleNotFoundError") && is_local_override(&path) =>
            {
                self.unresolved(frame, site, &path);
                for (_, alias) in names {
                    let reason = format!("imported from `{path}`, which is not in the repository");
                    self.bind(
                        frame,
                        self.text(frame, alias),
                        Value::unknown(reason, site),
                        site,
                    );
                }
                Err(Exit::Exception("ModuleNotFoundError"))
            }
            Some(Target::External(path)) => {
                if wildcard {
                    frame.ns.opaque = Some(
                        format!("`from {path} import *` at {}", self.line(frame, node)).into(),
                    );
                }
                for (name, alias) in names {
                    let full = format!("{path}.{}", self.text(frame, name));
                    self.bind(
                        frame,
                        self.text(frame, alias),
                        Value::new(Kind::External(full.into()), site),
                        site,
                    );
                }
                Ok(())
            }
            Some(Target::Missing(shown)) => {
                self.unresolved(frame, site, &shown);
                // Inside `try: ... except ImportError:` the import fails and imports nothing.
                // Otherwise the module is meant to exist where it is deployed and may define
                // any name: the settings bound before it are as unknown as those it adds.
                if wildcard && !frame.handles("ModuleNotFoundError") {
                    let reason = format!(
                        "`from {shown} import *` at {}, a module the repository does not contain",
                        self.line(frame, node)
                    );
                    for (name, binding) in frame.ns.bindings.iter_mut() {
                        if crate::django_settings::is_setting_name(name) {
                            binding.value =
                                Value::unknown(format!("may be overridden by {reason}"), site)
                                    .with_env(&binding.value.env);
                        }
                    }
                    frame.ns.opaque = Some(reason.into());
                }
                for (_, alias) in names {
                    self.bind(
                        frame,
                        self.text(frame, alias),
                        Value::unknown(
                            format!("imported from `{shown}`, which was not found"),
                            site,
                        ),
                        site,
                    );
                }
                Err(Exit::Exception("ModuleNotFoundError"))
            }
            // `from __future__ import ...` and anything the loader skipped.
            None => Ok(()),
        }
    }

    /// `from module import *`: the names in `__all__`, or every name without a leading underscore.
    pub(super) fn star_import(
        &mut self,
        frame: &mut Frame,
        namespace: &Namespace,
        module_text: &str,
    ) {
        let exported: Option<Vec<Rc<str>>> = namespace.bindings.get("__all__").and_then(|all| {
            all.value
                .items()?
                .iter()
                .map(|item| item.as_str().map(Rc::from))
                .collect()
        });
        let mut names: Vec<Rc<str>> = match exported {
            Some(names) => names,
            None => namespace
                .bindings
                .keys()
                .filter(|n| !n.starts_with('_'))
                .cloned()
                .collect(),
        };
        names.sort();
        for name in names {
            if let Some(binding) = namespace.bindings.get(&name) {
                self.bind(frame, &name, binding.value.clone(), binding.site);
            }
        }
        if let Some(opaque) = &namespace.opaque {
            frame.ns.opaque =
                Some(format!("{opaque} (through `from {module_text} import *`)").into());
        }
    }
}

/// A module name conventional for a deployment's own overrides (`settings_local`,
/// `local_settings`, `production_settings`): not a library a `try` tries to import.
pub(super) fn is_local_override(module: &str) -> bool {
    let lower = module.to_ascii_lowercase();
    lower.contains("settings") || lower.split(['.', '_']).any(|part| part == "local")
}
