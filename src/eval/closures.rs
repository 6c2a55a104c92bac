//! Nested functions and the variables of the functions around them: a decorator with arguments
//! (`def register(prefix): def wrap(func): ...`), a factory (`def make(n): def inner(): ...`).
//! Python looks a free name of a nested function up in the enclosing functions' frames, as they
//! are when the nested function runs, which may be long after the enclosing call returned (the
//! closure). djsafe keeps no frames, so a nested function reads only what stays the same for
//! every call: a parameter of the function that ran its `def` which that function's body never
//! rebinds, as it was bound, and likewise what that function read from its own closure (a
//! parameter two functions out). A name the nested function binds itself is its own local. A call of a nested function reading any other variable of an
//! enclosing function is not followed (its result unknown, what it may change forgotten), and
//! what such variables held when the `def` ran is forgotten too, since the closure may change it.
//!
//! Which names an enclosing function binds is read off its syntax, counting more than Python
//! does (any name in a target, an import, a `with ... as`, an `except ... as`, a pattern, a
//! parameter of any function inside it): a name counted wrongly only makes a call unfollowed,
//! while a name missed would be read from the module, which is how Python's scoping goes wrong.

use crate::syntax::{Field, NodeQueries};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use tree_sitter::Node;

use super::stmt::targets::collect_nodes;
use super::value::{Binding, Closure, Function, Namespace, Value};
use super::{Frame, Run};

/// Nodes whose identifiers (all of them, or those of one field) a function may bind.
fn binding_roots<'t>(scope: Node<'t>) -> Vec<Node<'t>> {
    let mut holders = Vec::new();
    collect_nodes(
        scope,
        &mut |n| {
            matches!(
                n.kind_name(),
                "assignment"
                    | "augmented_assignment"
                    | "for_statement"
                    | "for_in_clause"
                    | "named_expression"
                    | "as_pattern"
                    | "with_item"
                    | "except_clause"
                    | "except_group_clause"
                    | "import_statement"
                    | "import_from_statement"
                    | "delete_statement"
                    | "global_statement"
                    | "nonlocal_statement"
                    | "case_pattern"
                    | "parameters"
                    | "lambda_parameters"
                    | "function_definition"
                    | "class_definition"
                    | "type_alias_statement"
            )
        },
        &mut holders,
    );
    let mut roots = Vec::new();
    for holder in holders {
        match holder.kind_name() {
            "assignment" | "augmented_assignment" | "for_statement" | "for_in_clause" => {
                roots.extend(holder.field(Field::Left))
            }
            "named_expression" => roots.extend(holder.field(Field::Name)),
            "function_definition" | "class_definition" => roots.extend(holder.field(Field::Name)),
            // The handler's body is not a target; the rest of the clause may be.
            "except_clause" | "except_group_clause" => {
                let mut cursor = holder.walk();
                roots.extend(
                    holder
                        .named_children(&mut cursor)
                        .filter(|c| c.kind_name() != "block"),
                );
            }
            "with_item" => roots.extend(holder.field(Field::Value)),
            _ => roots.push(holder),
        }
    }
    roots
}

/// The names a function may bind (see the module's comment): its parameters and every
/// identifier in a binding position anywhere inside it, nested functions included.
fn bound_names(function: Node, text: &str, out: &mut BTreeSet<Rc<str>>) {
    for root in binding_roots(function) {
        let mut names = Vec::new();
        collect_nodes(root, &mut |n| n.kind_name() == "identifier", &mut names);
        out.extend(names.into_iter().map(|n| Rc::from(&text[n.byte_range()])));
    }
}

/// The names a function body binds in its own scope: those of [`bound_names`] outside the
/// functions, classes, lambdas and comprehensions inside it (a nested `def`'s name is bound
/// here, its parameters and body are its own). Python makes them the function's locals, so a
/// nested function does not read them from the functions around it.
fn own_bound_names(body: Node, text: &str) -> BTreeSet<Rc<str>> {
    let is_scope = |n: Node| {
        matches!(
            n.kind_name(),
            "function_definition"
                | "class_definition"
                | "lambda"
                | "list_comprehension"
                | "set_comprehension"
                | "dictionary_comprehension"
                | "generator_expression"
        )
    };
    let mut own = BTreeSet::new();
    for root in binding_roots(body) {
        // A nested `def`'s or `class`'s name belongs to the scope holding the definition.
        let mut node = match root.parent() {
            Some(holder) if is_scope(holder) && holder.field(Field::Name) == Some(root) => {
                holder.parent()
            }
            _ => Some(root),
        };
        let mut nested = false;
        while let Some(current) = node {
            if current == body {
                break;
            }
            if is_scope(current) {
                nested = true;
                break;
            }
            node = current.parent();
        }
        if !nested {
            let mut names = Vec::new();
            collect_nodes(root, &mut |n| n.kind_name() == "identifier", &mut names);
            own.extend(names.into_iter().map(|n| Rc::from(&text[n.byte_range()])));
        }
    }
    own
}

/// Whether some use of `name` in `body` is free there: not inside a function, lambda or
/// comprehension nested in `body` that binds the name itself (`host(service)` inside the
/// function called reads its own `service`, not an enclosing function's).
fn read_here(body: Node, text: &str, name: &str) -> bool {
    let mut uses = Vec::new();
    collect_nodes(
        body,
        &mut |n| n.kind() == "identifier" && &text[n.byte_range()] == name,
        &mut uses,
    );
    uses.iter().any(|use_| {
        let mut node = use_.parent();
        while let Some(current) = node.filter(|n| *n != body) {
            if scope_binds(current, text, name) && !evaluated_outside(current, *use_) {
                return false;
            }
            node = current.parent();
        }
        true
    })
}

/// Whether `node`, inside `scope`, is evaluated in the scope around it: a parameter's default
/// or annotation (`def f(base=base)`), a comprehension's first iterable (`[x for x in x]`).
fn evaluated_outside(scope: Node, node: Node) -> bool {
    let holder = match scope.kind() {
        "function_definition" | "lambda" => scope.child_by_field_name("parameters"),
        _ => {
            let mut cursor = scope.walk();
            let first = scope
                .named_children(&mut cursor)
                .find(|c| c.kind() == "for_in_clause");
            first.and_then(|clause| clause.child_by_field_name("right"))
        }
    };
    holder.is_some_and(|h| h.start_byte() <= node.start_byte() && node.end_byte() <= h.end_byte())
        && !is_parameter_name(node)
}

/// Whether an identifier is the name a parameter binds (`z` in `def inner(z)`, `v` in
/// `v=base`, `args` in `*args`), not something a default or an annotation reads.
fn is_parameter_name(node: Node) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    match parent.kind() {
        "parameters" | "lambda_parameters" => true,
        "default_parameter" | "typed_default_parameter" => {
            parent.child_by_field_name("name") == Some(node)
        }
        "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => {
            parent.named_child(0) == Some(node)
        }
        _ => false,
    }
}

/// Whether `scope` (a function, lambda or comprehension) binds `name` in its own scope: a
/// parameter, a name its body binds, a comprehension's loop variable. A name it declares
/// `global` or `nonlocal` is not its own.
fn scope_binds(scope: Node, text: &str, name: &str) -> bool {
    let mut names: BTreeSet<Rc<str>> = BTreeSet::new();
    match scope.kind() {
        "function_definition" | "lambda" => {
            if let Some(parameters) = scope.child_by_field_name("parameters") {
                let mut cursor = parameters.walk();
                for parameter in parameters.named_children(&mut cursor) {
                    // The parameter's own name, not what its default or annotation reads.
                    let named = match parameter.kind() {
                        "identifier" => Some(parameter),
                        "default_parameter" | "typed_default_parameter" => {
                            parameter.child_by_field_name("name")
                        }
                        _ => parameter.named_child(0),
                    };
                    names.extend(named.map(|n| Rc::from(&text[n.byte_range()])));
                }
            }
            if let Some(body) = scope.child_by_field_name("body") {
                names.extend(own_bound_names(body, text));
                let mut declared = Vec::new();
                collect_nodes(
                    body,
                    &mut |n| matches!(n.kind(), "global_statement" | "nonlocal_statement"),
                    &mut declared,
                );
                for statement in declared {
                    let mut cursor = statement.walk();
                    for declared in statement.named_children(&mut cursor) {
                        names.remove(&text[declared.byte_range()]);
                    }
                }
            }
        }
        "list_comprehension"
        | "set_comprehension"
        | "dictionary_comprehension"
        | "generator_expression" => {
            let mut cursor = scope.walk();
            for clause in scope.named_children(&mut cursor) {
                if clause.kind() == "for_in_clause"
                    && let Some(left) = clause.child_by_field_name("left")
                {
                    let mut targets = Vec::new();
                    collect_nodes(left, &mut |n| n.kind() == "identifier", &mut targets);
                    names.extend(targets.into_iter().map(|n| Rc::from(&text[n.byte_range()])));
                }
            }
        }
        _ => return false,
    }
    names.contains(name)
}

impl Run<'_> {
    /// What a `def` run in `frame` (a function's frame) may read of the enclosing functions;
    /// `None` at a module's or class's top level.
    pub(super) fn closure_of(&mut self, frame: &Frame, def: Node) -> Option<Rc<Closure>> {
        frame.globals.as_ref()?;
        let text = &self.project.sources.get(frame.file).text();
        let mut enclosing = Vec::new();
        let mut node = def.parent();
        while let Some(current) = node {
            if current.kind_name() == "function_definition" {
                enclosing.push(current);
            }
            node = current.parent();
        }
        let nearest = *enclosing.first()?;
        let mut locals = BTreeSet::new();
        for function in &enclosing {
            bound_names(*function, text, &mut locals);
        }
        // Names the nearest enclosing body may rebind: its parameters are exact unless listed.
        let mut rebound = BTreeSet::new();
        if let Some(body) = nearest.field(Field::Body) {
            bound_names(body, text, &mut rebound);
        }
        // Its parameters, and what its own closure gave it (variables two or more functions
        // out that are exact there), stay as they are while its body never rebinds them.
        let mut exact = BTreeMap::new();
        for (name, binding) in &frame.ns.bindings {
            if !rebound.contains(name) {
                exact.insert(name.clone(), binding.value.clone());
            }
        }
        // What the other variables the nested function reads hold may be changed through the
        // closure, by calls djsafe does not follow.
        let reads = def
            .field(Field::Body)
            .map(|body| super::stmt::used_names(body, text))
            .unwrap_or_default();
        let escaping: Vec<Value> = reads
            .iter()
            .filter(|name| locals.contains(name.as_str()) && !exact.contains_key(name.as_str()))
            .filter_map(|name| frame.ns.bindings.get(name.as_str()))
            .map(|binding| binding.value.clone())
            .collect();
        let enclosing_name: Rc<str> = nearest
            .field(Field::Name)
            .map(|n| Rc::from(&text[n.byte_range()]))
            .unwrap_or_else(|| "?".into());
        if !escaping.is_empty() {
            let reason = format!(
                "held by a variable of `{enclosing_name}` that a nested function reads, which djsafe does not follow"
            );
            let control = frame.control.clone();
            self.forget_reachable(&escaping, &reason, &control);
        }
        Some(Rc::new(Closure {
            enclosing: enclosing_name,
            locals,
            exact,
        }))
    }

    /// Before a call of a nested function: binds the closure's exact variables it reads in
    /// `locals` (where its parameters are not already), or says why the call is not followed.
    pub(super) fn enter_closure(
        &self,
        function: &Function,
        body: Node,
        locals: &mut Namespace,
    ) -> Option<String> {
        let closure = function.closure.as_ref()?;
        let text = &self
            .project
            .sources
            .get(self.project.modules[function.module].file)
            .text();
        let params: BTreeSet<&str> = function.params.iter().map(|p| &*p.name).collect();
        let own = own_bound_names(body, text);
        for name in super::stmt::used_names(body, text) {
            if params.contains(name.as_str())
                || own.contains(name.as_str())
                || !closure.locals.contains(name.as_str())
                || !read_here(body, text, &name)
            {
                continue;
            }
            match closure.exact.get(name.as_str()) {
                Some(value) => {
                    locals
                        .bindings
                        .entry(name.as_str().into())
                        .or_insert_with(|| Binding {
                            value: value.clone(),
                            site: value.origin,
                        });
                }
                None => {
                    return Some(format!(
                        "it reads `{name}`, a variable of the enclosing function `{}`, which djsafe does not follow",
                        closure.enclosing
                    ));
                }
            }
        }
        None
    }
}
