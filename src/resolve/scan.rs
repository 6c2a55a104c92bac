//! Reading a module's syntax tree for what loading needs: the imports of each statement (at any
//! depth), the files split-settings `include()` names, and whether it calls `exec`.

use crate::syntax::{Field, NodeQueries};
use tree_sitter::Node;

use crate::demand::Demand;

pub(super) struct ImportRequest {
    /// Byte range of the `dotted_name` or `relative_import` naming the module.
    pub(super) name: (usize, usize),
    pub(super) dotted: String,
    pub(super) level: usize,
    /// For `from X import a, b`: the imported names and their byte ranges.
    pub(super) from_names: Vec<((usize, usize), String)>,
    /// What the import needs of the module: the names `from X import a, b` takes, or all of it.
    pub(super) demand: Demand,
    /// `importlib.import_module('x.y')` or `__import__('x.y')` with a literal name, not an
    /// import statement: loaded when it names a project module (its code runs when the call
    /// does, and may change other modules), and nothing said when it names a library's.
    pub(super) by_name: bool,
}

/// The imports of one import statement.
fn import_requests(node: Node, text: &str, out: &mut Vec<ImportRequest>) {
    let mut request = |name: Node, from_names, demand| {
        let (dotted, level) = import_name(name, text);
        out.push(ImportRequest {
            name: (name.start_byte(), name.end_byte()),
            dotted,
            level,
            from_names,
            demand,
            by_name: false,
        });
    };
    match node.kind_name() {
        "import_statement" => {
            let mut cursor = node.walk();
            for name in node.children_by_field_name("name", &mut cursor) {
                let dotted = if name.kind_name() == "aliased_import" {
                    name.field(Field::Name)
                } else {
                    Some(name)
                };
                if let Some(dotted) = dotted {
                    request(dotted, Vec::new(), Demand::All);
                }
            }
        }
        "import_from_statement" => {
            if let Some(module) = node.field(Field::ModuleName) {
                let mut cursor = node.walk();
                let names: Vec<((usize, usize), String)> = node
                    .children_by_field_name("name", &mut cursor)
                    .filter_map(|n| {
                        let dotted = if n.kind_name() == "aliased_import" {
                            n.field(Field::Name)?
                        } else {
                            n
                        };
                        (dotted.kind_name() == "dotted_name" && dotted.named_child_count() == 1)
                            .then(|| {
                                (
                                    (dotted.start_byte(), dotted.end_byte()),
                                    text[dotted.byte_range()].to_string(),
                                )
                            })
                    })
                    .collect();
                // Every name is known (no star import, no name djsafe could not read): only
                // they are needed.
                let mut cursor = node.walk();
                let listed = node.children_by_field_name("name", &mut cursor).count();
                let wildcard = {
                    let mut cursor = node.walk();
                    node.named_children(&mut cursor)
                        .any(|n| n.kind_name() == "wildcard_import")
                };
                let demand = if wildcard || listed != names.len() || names.is_empty() {
                    Demand::All
                } else {
                    Demand::Names(names.iter().map(|(_, name)| name.clone()).collect())
                };
                request(module, names, demand);
            }
        }
        _ => {}
    }
}

/// The imports and split-settings includes anywhere in a module (inside `if`, `try`, functions),
/// and whether it calls `exec`, in one walk of its tree with a single cursor.
pub(super) fn scan_module(
    root: Node,
    text: &str,
    imports: &mut Vec<ImportRequest>,
    includes: &mut Vec<String>,
    calls_exec: &mut bool,
) {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let descend = match node.kind_name() {
            "import_statement" | "import_from_statement" => {
                import_requests(node, text, imports);
                false
            }
            "call" => {
                include_patterns(node, text, includes);
                import_by_literal_name(node, text, imports);
                *calls_exec |= node
                    .field(Field::Function)
                    .is_some_and(|f| &text[f.byte_range()] == "exec");
                true
            }
            "string" | "comment" | "identifier" | "integer" | "float" => false,
            _ => true,
        };
        if descend && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// `importlib.import_module('proj.plugin')`, `import_module(...)` imported from importlib, or
/// `__import__('proj.plugin')`: a module found by a name written as a plain string literal (or
/// literals joined by `+`). A name that ends in a value djsafe reads only when evaluating
/// (`f'config.{ENV}'`, `'config.' + env`) names one of the modules of a package: the request's
/// `dotted` is then `config.*`, and every module of that package is loaded, for evaluation to
/// run the one the environment names.
fn import_by_literal_name(call: Node, text: &str, out: &mut Vec<ImportRequest>) {
    let Some(function) = call.field(Field::Function) else {
        return;
    };
    let callee = &text[function.byte_range()];
    if !matches!(
        callee,
        "importlib.import_module" | "import_module" | "__import__"
    ) {
        return;
    }
    let Some(argument) = call
        .field(Field::Arguments)
        .and_then(|arguments| arguments.named_child(0))
    else {
        return;
    };
    let Some(name) = module_name_pattern(argument, text) else {
        return;
    };
    out.push(ImportRequest {
        name: (argument.start_byte(), argument.end_byte()),
        dotted: name,
        level: 0,
        from_names: Vec::new(),
        demand: Demand::All,
        by_name: true,
    });
}

/// The module name an expression spells: `'a.b'`, `'a.' + 'b'`, or `a.*` for `f'a.{x}'` and
/// `'a.' + x`. `None` for anything else (a relative name, escapes, placeholders elsewhere).
fn module_name_pattern(node: Node, text: &str) -> Option<String> {
    let plain = |name: &str| {
        !name.is_empty()
            && !name.starts_with('.')
            && name
                .chars()
                .all(|c| c == '.' || c == '_' || c.is_ascii_alphanumeric())
    };
    match node.kind_name() {
        "string" => {
            let literal = &text[node.byte_range()];
            let (formatted, body) = match literal.strip_prefix(['f', 'F']) {
                Some(rest) => (true, rest),
                None => (false, literal),
            };
            let body = body
                .strip_prefix(['\'', '"'])
                .and_then(|rest| rest.strip_suffix(['\'', '"']))?;
            if !formatted {
                return plain(body).then(|| body.to_string());
            }
            // One placeholder, last, after a dot: `f'config.{ENV}'`.
            let (prefix, rest) = body.split_once('{')?;
            let package = prefix.strip_suffix('.')?;
            (plain(package) && rest.ends_with('}') && !rest[..rest.len() - 1].contains(['{', '}']))
                .then(|| format!("{package}.*"))
        }
        "binary_operator"
            if node
                .field(Field::Operator)
                .is_some_and(|o| &text[o.byte_range()] == "+") =>
        {
            let left = module_name_pattern(node.field(Field::Left)?, text)?;
            let right = node.field(Field::Right)?;
            match module_name_pattern(right, text) {
                Some(tail) if !left.ends_with('*') && !tail.ends_with('*') => {
                    let joined = format!("{left}{tail}");
                    plain(&joined).then_some(joined)
                }
                _ if right.kind_name() != "string" && !left.ends_with('*') => {
                    let package = left.strip_suffix('.')?;
                    Some(format!("{package}.*"))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// String patterns given to a call of `include(...)` (django-split-settings, also imported under
/// another name such as `settings_include`), including those inside `optional(...)`; the
/// placeholders of formatted patterns (`%s`, `{}`, an f-string's `{env}`) become `*`, so every
/// file the pattern may name is loaded and evaluation picks the one each environment names.
/// `include(*files)` includes what a list of the module names: every `.py` string literal in
/// the module is a candidate.
fn include_patterns(call: Node, text: &str, out: &mut Vec<String>) {
    let Some(function) = call.field(Field::Function) else {
        return;
    };
    let name = &text[function.byte_range()];
    let is_include = name == "include" || name.ends_with(".include") || name.ends_with("_include");
    if !is_include {
        return;
    }
    let Some(arguments) = call.field(Field::Arguments) else {
        return;
    };
    let mut cursor = arguments.walk();
    for argument in arguments.named_children(&mut cursor) {
        if argument.kind_name() == "list_splat" {
            let root = {
                let mut node = call;
                while let Some(parent) = node.parent() {
                    node = parent;
                }
                node
            };
            python_file_literals(root, text, out);
        } else {
            out.extend(include_pattern(argument, text));
        }
    }
}

/// Every string literal of a module that names a Python file (`'components/base.py'`).
fn python_file_literals(root: Node, text: &str, out: &mut Vec<String>) {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.kind_name() == "string" {
            if let Some(pattern) = include_pattern(node, text)
                && pattern.ends_with(".py")
                && !out.contains(&pattern)
            {
                out.push(pattern);
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

fn include_pattern(node: Node, text: &str) -> Option<String> {
    match node.kind_name() {
        "string" => {
            let raw = &text[node.byte_range()];
            let inner = raw
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .trim_matches(['\'', '"']);
            Some(placeholders_to_globs(inner))
        }
        "call" => include_pattern(node.field(Field::Arguments)?.named_child(0)?, text),
        "binary_operator" => include_pattern(node.field(Field::Left)?, text),
        _ => None,
    }
}

/// `environments/{env}.py`, `environments/%s.py` → `environments/*.py`.
fn placeholders_to_globs(pattern: &str) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                out.push('*');
            }
            '%' if chars.peek() == Some(&'s') => {
                chars.next();
                out.push('*');
            }
            c => out.push(c),
        }
    }
    out
}

/// The dotted name and the number of leading dots of an import's module part.
pub fn import_name(node: Node, text: &str) -> (String, usize) {
    if node.kind_name() == "relative_import" {
        let mut level = 0;
        let mut dotted = String::new();
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            match child.kind_name() {
                "import_prefix" => level = child.end_byte() - child.start_byte(),
                "dotted_name" => dotted = text[child.byte_range()].to_string(),
                _ => {}
            }
        }
        (dotted, level)
    } else {
        let raw = &text[node.byte_range()];
        (raw.split_whitespace().collect::<String>(), 0)
    }
}
