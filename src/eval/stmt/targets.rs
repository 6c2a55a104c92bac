//! The names a statement or function body may bind or change, read off the syntax tree: used
//! to forget what an undecided branch or an unevaluated call may have changed.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

/// The identifiers of an assignment target (`a`, `a, (b, c)`).
pub(in crate::eval) fn collect_identifiers<'t>(target: Node<'t>, out: &mut Vec<Node<'t>>) {
    collect_nodes(target, &mut |n| n.kind_name() == "identifier", out);
}

pub(in crate::eval) fn collect_nodes<'t>(
    node: Node<'t>,
    wanted: &mut impl FnMut(Node<'t>) -> bool,
    out: &mut Vec<Node<'t>>,
) {
    // A cursor walk, not recursion: a deeply nested expression must not exhaust the stack.
    let mut cursor = node.walk();
    loop {
        let current = cursor.node();
        if current.is_named() && wanted(current) {
            out.push(current);
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// Identifiers a statement may (re)bind or mutate: assignment and loop targets, defined names,
/// and receivers of calls such as `X.append(...)`.
pub(super) fn collect_assigned_names<'t>(node: Node<'t>, text: &str, out: &mut Vec<Node<'t>>) {
    let mut targets = Vec::new();
    collect_nodes(node, &mut |n| is_binding_target(n, text), &mut targets);
    for target in targets {
        let mut root = target;
        while let Some(inner) = match root.kind_name() {
            "attribute" => root.field(Field::Object),
            "subscript" => root.field(Field::Value),
            _ => None,
        } {
            root = inner;
        }
        if root.kind_name() == "identifier" {
            out.push(root);
        } else {
            collect_nodes(root, &mut |n| n.kind_name() == "identifier", out);
        }
    }
}

/// The names a function body may rebind or change the objects of, as text.
pub(in crate::eval) fn changed_names(body: Node, text: &str) -> Vec<String> {
    let mut nodes = Vec::new();
    collect_assigned_names(body, text, &mut nodes);
    nodes
        .into_iter()
        .map(|n| text[n.byte_range()].to_string())
        .collect()
}

/// An identifier that names a variable: not the attribute of `x.attr`, not the keyword of
/// `f(key=...)`.
pub(super) fn is_name_use(node: Node) -> bool {
    if node.kind_name() != "identifier" {
        return false;
    }
    match node.parent() {
        Some(parent) if parent.kind_name() == "attribute" => {
            parent.field(Field::Attribute) != Some(node)
        }
        Some(parent) if parent.kind_name() == "keyword_argument" => {
            parent.field(Field::Name) != Some(node)
        }
        _ => true,
    }
}

/// The identifiers of `node` that name variables (see [`is_name_use`]).
pub(in crate::eval) fn collect_name_uses<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    collect_nodes(node, &mut |n| is_name_use(n), out);
}

/// The names a function body uses, as text: a call not followed to its end may change any
/// object they hold (`v = SETTINGS.get(k)` then `v.append(...)`), or return it.
pub(in crate::eval) fn used_names(body: Node, text: &str) -> Vec<String> {
    let mut nodes = Vec::new();
    collect_nodes(body, &mut |n| is_name_use(n), &mut nodes);
    let mut names: Vec<String> = nodes
        .into_iter()
        .map(|n| text[n.byte_range()].to_string())
        .collect();
    names.sort();
    names.dedup();
    names
}

pub(super) fn is_binding_target(node: Node, text: &str) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    match parent.kind_name() {
        "assignment" | "augmented_assignment" | "for_statement" => {
            parent.field(Field::Left) == Some(node)
        }
        "function_definition" | "class_definition" => parent.field(Field::Name) == Some(node),
        // `X.append(...)`, `X.update(...)`: calls of methods that change their receiver.
        "call" => {
            node.kind_name() == "attribute"
                && parent.field(Field::Function) == Some(node)
                && node.field(Field::Attribute).is_some_and(|method| {
                    crate::eval::ops::MUTATING_METHODS.contains(&&text[method.byte_range()])
                })
        }
        _ => false,
    }
}

/// The names a function body's `global` (or `nonlocal`: `kind` is the statement's node kind)
/// statements declare, in order, without duplicates: those of nested `def`s and classes are
/// theirs, not this function's.
pub(in crate::eval) fn declared_names(body: Node, text: &str, kind: &str) -> Vec<String> {
    let function = body.parent();
    let mut statements = Vec::new();
    collect_nodes(body, &mut |n| n.kind_name() == kind, &mut statements);
    let mut names: Vec<String> = Vec::new();
    for statement in statements {
        // The nearest enclosing scope: a walk up the tree, bounded by its depth.
        let mut scope = statement.parent();
        while let Some(node) = scope
            && !matches!(node.kind_name(), "function_definition" | "class_definition")
        {
            scope = node.parent();
        }
        if scope != function {
            continue;
        }
        for name in crate::eval::code_children(statement) {
            let name = &text[name.byte_range()];
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}
